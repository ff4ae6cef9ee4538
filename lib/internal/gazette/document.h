// gazette/document.h — stage 7: the facts of one document.
//
// Given a segment (title, number, line range), reads what a 公文 prints in
// its head and foot: issuers (from the title), 文种, addressees (主送机关, the
// line(s) ending in a colon after the number), 成文日期 (a date line of its
// own), the public marking (此件公开发布), the texts it 印发 (attachments,
// found by their own heading lines) and the texts adopted separately that it
// transmits (parts, each followed by a `(…年…月…日…会议通过)` line). Tasks,
// references and chronicle entries are filled from their own stages.
//
//   gazette::Document d = gazette::read_document(text, seg, pages, &diags);
#pragma once

#include <string_view>
#include <vector>

#include "gazette/model.h"
#include "gazette/reflow.h"
#include "gazette/segment.h"
#include "gazette/text.h"

namespace gazette {

// `with_text` fills Document::text (the reflowed body); it costs a pass.
Document read_document(const Text& text, const Segment& seg, const Pages& pages, std::vector<Diagnostic>* diagnostics,
                       bool with_text = true);

// Issuing organs named at the start of a title, before 关于/印发/转发.
std::vector<std::string> issuers_of(std::string_view title);

}  // namespace gazette
