// gazette/chronicle.h — stage 10: 大事记 (chronicle) entries.
//
// A chronicle is a run of paragraphs that each open with a date:
// `11月16日 …`, `11月24日下午,…`, `11月29日晚，…`, `11月25日至26日 …`,
// `11月30日至12月1日 …`, `●1月9日，…`, and under a month heading (`1月`,
// `一月`) or a heading naming the month (2023年1月大事记) the day alone:
// `3日 …`, `5日—6日 …`. The year comes from the heading
// (楚雄州2022年11月-12月大事记) and rolls over when the months wrap. Month
// headings are not entries; a paragraph continued over a page break is one
// entry, recorded at its first line.
//
//   auto entries = gazette::find_entries(text, first, last, 2022, nullptr);
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "gazette/model.h"
#include "gazette/text.h"

namespace gazette {

// `month` (1-12, or 0 for none) is in force before the first month heading
// or dated entry: heading_month of the chronicle's title.
std::vector<Entry> find_entries(const Text& text, std::size_t first, std::size_t last, int year,
                                std::vector<Diagnostic>* diagnostics, int month = 0);

// The first 4-digit year in a heading such as 楚雄州2022年11月-12月大事记.
std::optional<int> heading_year(std::string_view title);
// The month right after that year (11 there), if any.
std::optional<int> heading_month(std::string_view title);

}  // namespace gazette
