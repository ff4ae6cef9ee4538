// gazette/references.h — stage 9: other documents' numbers cited in a text.
//
// Cited numbers have the form <organ code>〔YYYY〕N号 (also with 【】 or []
// brackets). Each is recorded once, at its first appearance, with the title
// in the 《》 printed just before it: 《国务院关于…的通知》(国发〔2021〕9号).
// The citing document's own number is left out.
//
//   gazette::Stream s(text, first, last);
//   auto refs = gazette::find_references(s, "楚政通〔2022〕61号");
#pragma once

#include <string_view>
#include <vector>

#include "gazette/model.h"
#include "gazette/text.h"

namespace gazette {

std::vector<Reference> find_references(const Stream& stream, std::string_view own_number);

}  // namespace gazette
