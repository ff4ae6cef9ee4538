// gazette/tasks.h — stage 8: department annotations on measures.
//
// Plans and measures assign each measure to departments in a parenthesis
// after it. Forms seen in real documents (all widths, any line breaks):
//   (A、B牵头,C、D配合)                    lead A B, responsible C D
//   (牵头单位:A;责任单位:B、C,D)           lead A, responsible B C D
//   (责任单位:A,B) (责任部门:A、B) (负责部门:A)   responsible only
//   (A、B,各县市人民政府按照职责分工负责)  responsible A B 各县市人民政府
//   (A负责) (A参与) (牵头单位:A,参加单位:B) (…,牵头考核单位:A)
// A parenthesis in running prose that merely names an organ is not a task:
// it must carry a role label or end in a role suffix. Where the document
// states "列第一位者为牵头单位", the first unit of an unlabelled list leads.
//
//   gazette::Stream s(text, first, last);
//   std::vector<gazette::Task> t = gazette::find_tasks(s, false);
#pragma once

#include <string_view>
#include <vector>

#include "gazette/model.h"
#include "gazette/text.h"

namespace gazette {

// Tasks in a stream, in order; `first_listed_leads` applies the
// 列第一位者为牵头单位 convention to annotations without a lead.
std::vector<Task> find_tasks(const Stream& stream, bool first_listed_leads);
// The same, the convention decided from the stream's own text
// (states_first_listed_leads), read only if an annotation lacks a lead.
std::vector<Task> find_tasks(const Stream& stream);

// Parses the inside of one parenthesis (normalised). Returns false if it is
// not a department annotation. Names come back normalised; find_tasks maps
// them to the printed text.
struct NameSpan {
  std::size_t begin = 0, end = 0;  // byte offsets into the parsed string
  bool lead = false;
};
bool parse_annotation(std::string_view inner, std::vector<NameSpan>* names);

// True if s holds a role word (牵头 配合 负责 参与 参加 协助 协同 单位 部门);
// parse_annotation accepts nothing else, so this rules prose out first.
bool names_a_role(std::string_view s);

// True if the text states that the first listed unit is the lead.
bool states_first_listed_leads(std::string_view norm_text);

}  // namespace gazette
