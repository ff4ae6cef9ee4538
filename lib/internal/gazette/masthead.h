// gazette/masthead.h — stage 4: the masthead.
//
// Reads the gazette's name, year, issue number (第12期, 第36号), cumulative
// number (总第146期, 总号：1690) and month of publication from the front
// matter. Names split over lines (楚雄彝族自治州 / 人民政府公报) are joined.
//
//   gazette::Masthead m = gazette::read_masthead(text, &last);
//   m.title == "楚雄彝族自治州人民政府公报"; *m.issue == 12
#pragma once

#include <cstddef>

#include "gazette/model.h"
#include "gazette/text.h"

namespace gazette {

// Looks at the first lines of `text` (up to `limit` lines). `*end` gets the
// index of the last line the masthead used, so later stages do not mistake
// it for a running head; it is 0 when nothing was found.
Masthead read_masthead(const Text& text, std::size_t limit, std::size_t* end);

}  // namespace gazette
