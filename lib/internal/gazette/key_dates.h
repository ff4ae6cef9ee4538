// gazette/key_dates.h — stage 11: the dates a document states about its force.
//
// Besides its 成文日期 a document may say when it takes effect
// (自2023年3月1日起施行, 自印发之日起执行, 本办法自…起正式实施), until when it
// holds (有效期至2025年12月31日, 有效期自…至…, 有效期3年), and when it was
// printed (the colophon: 某某市人民政府办公室 2023年4月4日印发). Each is a
// KeyDate: its kind, the ISO date (null when stated relatively: 自印发之日,
// 有效期3年), the clause as printed, and its line.
//
//   Stream body(text, seg.title_first, seg.end);
//   auto dates = gazette::find_key_dates(body);
#pragma once

#include <vector>

#include "gazette/model.h"
#include "gazette/text.h"

namespace gazette {

// In the order of the text. Dates outside 1949-2100 are not taken.
std::vector<KeyDate> find_key_dates(const Stream& body);

}  // namespace gazette
