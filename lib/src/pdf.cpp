// Stage 1 for PDF input: a PDF's text layer to lines of text, read by
// position. The PDF module (pdf_words.cpp, gazette-pdf.so, loaded when the
// first PDF comes: gazette/pdf_words.h) gives each page's words with their
// boxes and type sizes, read by poppler; this stage puts them back into lines as a reader
// sees them, so the rest of the pipeline runs on them as on any text:
//
//   words ─ lines (by baseline) ─ columns (a gutter shared by many lines)
//         ─ running heads and folios (the same text at the same height on
//           many pages: heads dropped, folios written as "— N —")
//         ─ text, with each page's first line recorded (provenance)
//
// A page is read by geometry only, never by poppler's own reading order:
// pdftotext's default mode, which follows that order, prints a
// letter-spaced 目　　录 one character a line.
#include "gazette/pdf.h"

#include <dlfcn.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstring>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>

#include "gazette/error.h"
#include "gazette/pdf_words.h"
#include "gazette/text.h"

namespace gazette {
namespace {

using Box = PdfBox;

struct PdfLine {
  std::vector<Box> boxes;  // left to right
  double x0 = 0, x1 = 0, y0 = 0, y1 = 0, size = 0;
  int column = 0;  // 0 full width, 1 left, 2 right
  std::string text() const;
};

double center(const Box& b) { return (b.y0 + b.y1) / 2; }

// The words of a line joined: a space where the PDF has one (or a gap of
// more than 0.4 em), two for a letter-spaced gap (over 1.5 em).
std::string PdfLine::text() const {
  std::string out;
  for (std::size_t k = 0; k < boxes.size(); ++k) {
    if (k > 0) {
      const Box& a = boxes[k - 1];
      const Box& b = boxes[k];
      double em = std::max(1.0, std::min(a.size, b.size));
      double gap = b.x0 - a.x1;
      if (gap > 1.5 * em) out += "  ";
      else if (a.space_after || gap > 0.4 * em) out += ' ';
    }
    out += boxes[k].text;
  }
  return out;
}

// Words to lines: sorted by their vertical centre, a word joins the line
// whose centre is within 40% of its height.
std::vector<PdfLine> lines_of(std::vector<Box> boxes) {
  std::sort(boxes.begin(), boxes.end(), [](const Box& a, const Box& b) {
    return center(a) != center(b) ? center(a) < center(b) : a.x0 < b.x0;
  });
  std::vector<PdfLine> lines;
  double line_center = 0;
  for (Box& b : boxes) {
    double h = std::max(1.0, b.y1 - b.y0);
    if (lines.empty() || std::abs(center(b) - line_center) > 0.4 * std::max(h, lines.back().y1 - lines.back().y0)) {
      lines.emplace_back();
      lines.back().y0 = b.y0, lines.back().y1 = b.y1;
      line_center = center(b);
    }
    PdfLine& l = lines.back();
    l.y0 = std::min(l.y0, b.y0), l.y1 = std::max(l.y1, b.y1);
    l.boxes.push_back(std::move(b));
  }
  for (PdfLine& l : lines) {
    std::sort(l.boxes.begin(), l.boxes.end(), [](const Box& a, const Box& b) { return a.x0 < b.x0; });
    l.x0 = l.boxes.front().x0, l.x1 = l.boxes.back().x1;
    for (const Box& b : l.boxes) l.size = std::max(l.size, b.size);
  }
  return lines;
}

std::size_t characters(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// Two columns (a table of contents set in two): a block of lines of which
// at least three, and two in five, leave a gap (over 1 em) at one common
// place, the gutter, and hardly any has a word across it. Lines of one or
// two characters either side (a letter-spaced 目　录) are headings, not
// columns. Marks each line left, right or full width; false if none.
bool mark_columns(std::vector<PdfLine>& lines) {
  if (lines.size() > 2000) return false;  // no page of a gazette; and the search below is quadratic in gaps
  // Each line's widest gap over 1 em, unless both sides are one or two
  // characters (a letter-spaced 目　录).
  struct Gap {
    std::size_t line;
    double x0, x1;
  };
  std::vector<Gap> gaps;
  for (std::size_t n = 0; n < lines.size(); ++n) {
    const PdfLine& l = lines[n];
    std::optional<Gap> widest;
    // Characters before each word (one pass, not a string per gap).
    std::vector<std::size_t> before(l.boxes.size() + 1, 0);
    for (std::size_t k = 0; k < l.boxes.size(); ++k) before[k + 1] = before[k] + characters(l.boxes[k].text);
    for (std::size_t k = 1; k < l.boxes.size(); ++k) {
      double gap0 = l.boxes[k - 1].x1, gap1 = l.boxes[k].x0;
      if (gap1 - gap0 <= std::max(1.0, l.size) || (widest && gap1 - gap0 <= widest->x1 - widest->x0)) continue;
      if (before[k] <= 2 && before.back() - before[k] <= 2) continue;
      widest = Gap{n, gap0, gap1};
    }
    if (widest) gaps.push_back(*widest);
  }
  if (gaps.size() < 3) return false;
  // The gutter: the place most gaps share (at a gap's middle).
  double split = 0;
  std::size_t shared = 0;
  for (const Gap& a : gaps) {
    double x = (a.x0 + a.x1) / 2;
    std::size_t n = 0;
    for (const Gap& b : gaps) n += b.x0 <= x && x <= b.x1;
    if (n > shared) shared = n, split = x;
  }
  // The block: from the first line split there to the last. Within it,
  // most lines are split there or stand on one side; a signature block
  // and a colophon far apart (某某局　　某某委员会 … 某某办公室　　2023年
  // 3月2日印发) have prose across the gutter between them: no columns.
  std::size_t first = lines.size(), last = 0;
  for (const Gap& g : gaps)
    if (g.x0 <= split && split <= g.x1) first = std::min(first, g.line), last = std::max(last, g.line);
  // Lines next to the block on one side of the gutter belong to it: a
  // column longer than the other (its last lines have nothing beside them).
  auto one_side = [&](const PdfLine& l) { return l.x1 <= split || l.x0 >= split; };
  auto near = [&](const PdfLine& a, const PdfLine& b) {
    return std::abs(a.y0 - b.y0) < 2.5 * std::max({1.0, a.y1 - a.y0, b.y1 - b.y0});
  };
  if (first < lines.size()) {
    while (first > 0 && one_side(lines[first - 1]) && near(lines[first - 1], lines[first]) &&
           characters(lines[first - 1].text()) > 2)
      --first;
    while (last + 1 < lines.size() && one_side(lines[last + 1]) && near(lines[last + 1], lines[last])) ++last;
  }
  std::size_t across = 0;
  for (std::size_t n = first; n <= last && n < lines.size(); ++n)
    across += std::any_of(lines[n].boxes.begin(), lines[n].boxes.end(),
                          [&](const Box& b) { return b.x0 < split && b.x1 > split; });
  const std::size_t block = last >= first ? last - first + 1 : 0;
  if (shared < 3 || shared * 5 < block * 2 || across * 5 > block) return false;
  for (std::size_t n = 0; n < lines.size(); ++n) {
    PdfLine& l = lines[n];
    l.column = 0;
    if (n < first || n > last) continue;
    if (l.x1 <= split) l.column = 1;
    else if (l.x0 >= split) l.column = 2;
    else if (std::none_of(l.boxes.begin(), l.boxes.end(), [&](const Box& b) { return b.x0 < split && b.x1 > split; })) {
      // Words on both sides of the gutter: split in two.
      std::string left, right;
      for (const Box& b : l.boxes) (b.x1 <= split ? left : right) += b.text;
      if (characters(left) > 2 || characters(right) > 2) l.column = 3;
    }
  }
  std::vector<PdfLine> out;
  for (PdfLine& l : lines) {
    if (l.column != 3) {
      out.push_back(std::move(l));
      continue;
    }
    PdfLine a, b;
    for (Box& x : l.boxes) (x.x1 <= split ? a : b).boxes.push_back(std::move(x));
    for (PdfLine* part : {&a, &b}) {
      part->x0 = part->boxes.front().x0, part->x1 = part->boxes.back().x1, part->y0 = l.y0, part->y1 = l.y1;
      part->size = l.size;
    }
    a.column = 1, b.column = 2;
    out.push_back(std::move(a));
    out.push_back(std::move(b));
  }
  lines.swap(out);
  // Reading order: a run of column lines reads its left column, then its
  // right; a full-width line (a heading) ends the run.
  std::vector<PdfLine> ordered;
  std::vector<PdfLine> right;
  for (PdfLine& l : lines) {
    if (l.column == 2) {
      right.push_back(std::move(l));
      continue;
    }
    if (l.column == 0) {
      for (PdfLine& r : right) ordered.push_back(std::move(r));
      right.clear();
    }
    ordered.push_back(std::move(l));
  }
  for (PdfLine& r : right) ordered.push_back(std::move(r));
  lines.swap(ordered);
  return true;
}

struct PageLines {
  std::vector<PdfLine> lines;
  double height = 0;
};

// A running head or folio's key: its text with each number as one '#' and
// without spaces, and its height on the page to 6 pt.
std::string furniture_key(const PdfLine& l) {
  std::string key = std::to_string(static_cast<int>(l.y0 / 6)) + ":";
  for (char c : l.text()) {
    if (c == ' ') continue;
    bool digit = c >= '0' && c <= '9';
    if (digit && !key.empty() && key.back() == '#') continue;  // a number of any length: folio 9, then 10
    key += digit ? '#' : c;
  }
  return key;
}

bool in_margin(const PdfLine& l, double height) { return l.y1 < 0.09 * height || l.y0 > 0.91 * height; }

// The one number of a folio (— 3 —, 第3页, 3), or -1.
long folio_number(const std::string& text) {
  long n = -1;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] >= '0' && text[i] <= '9') {
      if (n >= 0) return -1;  // two numbers: not a folio
      n = 0;
      for (; i < text.size() && text[i] >= '0' && text[i] <= '9' && n < 100000; ++i) n = n * 10 + (text[i] - '0');
    } else {
      ++i;
    }
  }
  return n;
}

bool garbage(char32_t c) {
  return c == 0xFFFD || (c >= 0xE000 && c <= 0xF8FF) || (c < 0x20 && c != '\t') || (c >= 0x7F && c < 0xA0);
}

}  // namespace

bool looks_like_pdf(std::string_view bytes) {
  // PDF 32000-1 (7.5.2) puts %PDF- first; readers accept it within the
  // first 1024 bytes, after junk some producers prepend.
  return bytes.substr(0, 1024).find("%PDF-") != std::string_view::npos;
}

namespace {

// The PDF module, loaded once, by the first PDF. Looked for at
// $GAZETTE_PDF_MODULE when set; then beside the running program, at
// ../<libdir>/gazette/gazette-pdf.so (where the build tree and an installed
// prefix both put it); then at the path it was configured to install to
// (for programs of library users, which live elsewhere).
struct Module {
  const PdfWordsEntry* entry = nullptr;
  std::string path;   // the file loaded
  std::string error;
};

const Module& module() {
  static const Module loaded = [] {
    std::vector<std::string> candidates;
    if (const char* env = std::getenv("GAZETTE_PDF_MODULE"); env && *env) {
      candidates.emplace_back(env);
    } else {
      std::error_code ec;
      std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
      if (!ec) candidates.push_back((exe.parent_path() / GAZETTE_PDF_MODULE_RELATIVE).lexically_normal().string());
      candidates.emplace_back(GAZETTE_PDF_MODULE_INSTALLED);
    }
    Module m;
    std::string tried;
    for (const std::string& path : candidates) {
      void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
      if (!handle) {
        const char* why = ::dlerror();
        tried += "\n  " + (why ? std::string(why) : path + ": cannot be loaded");  // dlerror names the path
        continue;
      }
      auto* entry = static_cast<const PdfWordsEntry*>(::dlsym(handle, GAZETTE_PDF_WORDS_SYMBOL));
      if (!entry || entry->abi != kPdfWordsAbi || !entry->read || !entry->poppler_version) {
        tried += "\n  " + path + ": not this version's PDF module";
        ::dlclose(handle);
        continue;
      }
      m.entry = entry;  // kept loaded for the life of the process
      m.path = path;
      return m;
    }
    m.error = "reading a PDF needs the PDF module gazette-pdf.so (libpoppler-cpp), and none could be loaded:" + tried;
    return m;
  }();
  return loaded;
}

const PdfWordsEntry& pdf_module() {
  const Module& m = module();
  if (!m.entry) throw InputError(m.error);
  return *m.entry;
}

// The reading itself, in this process.
PdfText read_here(std::string_view bytes, const PdfLimits& limits) {
  if (bytes.size() > limits.max_bytes)
    throw InputError("a PDF of " + std::to_string(bytes.size() >> 20) + " MiB: over the limit of " +
                     std::to_string(limits.max_bytes >> 20) + " MiB");
  // A PDF ends in %%EOF (after junk, at most, some producers append): one
  // cut short in a download or a copy is refused, not read in part (poppler
  // would rebuild what it can and drop the pages it lost).
  if (bytes.substr(bytes.size() > 1024 ? bytes.size() - 1024 : 0).find("%%EOF") == std::string_view::npos)
    throw InputError("a truncated PDF (it does not end in %%EOF): a download or copy cut short?");
  PdfWords words;
  const PdfWordLimits word_limits{limits.max_pages, limits.max_chars};
  pdf_module().read(bytes.data(), bytes.size(), &word_limits, &words);
  if (!words.error.empty()) throw InputError(words.error);

  PdfText out;
  const int pages = static_cast<int>(words.pages.size());
  out.pages = pages;
  std::vector<PageLines> all(words.pages.size());
  std::size_t chars = 0, bad = 0;
  for (std::size_t p = 0; p < words.pages.size(); ++p) {
    PdfPageWords& page = words.pages[p];
    for (const Box& b : page.boxes)
      for (std::size_t i = 0; i < b.text.size();) {
        std::size_t len;
        char32_t c = decode_at(b.text, i, &len);
        ++chars;
        bad += garbage(c);
        i += len;
      }
    if (page.boxes.empty()) out.pages_without_text.push_back(static_cast<int>(p) + 1);
    all[p].lines = lines_of(std::move(page.boxes));
    all[p].height = page.height;
  }
  if (static_cast<int>(out.pages_without_text.size()) == pages)
    throw InputError("a PDF without a text layer (scanned?): no page has text; run OCR first "
                     "(ocrmypdf -l chi_sim in.pdf out.pdf)");
  if (chars >= 20 && bad * 10 > chars)
    throw InputError("a PDF whose text comes out as garbage (" + std::to_string(bad * 100 / chars) +
                     "% unmappable characters: a font without a Unicode map); run OCR on it instead");

  // Running heads and folios: the same text (digits aside) at the same
  // height in the top or bottom margin of at least two pages and of a
  // third of the pages.
  std::unordered_map<std::string, int> seen;
  for (const PageLines& pl : all) {
    std::map<std::string, bool> here;
    for (const PdfLine& l : pl.lines)
      if (in_margin(l, pl.height)) here[furniture_key(l)] = true;
    for (const auto& [k, v] : here) ++seen[k];
  }
  const int with_text = pages - static_cast<int>(out.pages_without_text.size());
  auto furniture = [&](const PdfLine& l, double height) {
    if (!in_margin(l, height)) return false;
    int n = seen[furniture_key(l)];
    return n >= 2 && n * 3 >= with_text;
  };

  // The document's left edge: the most common start of a line.
  std::map<long, int> starts;
  for (const PageLines& pl : all)
    for (const PdfLine& l : pl.lines) ++starts[std::lround(l.x0)];
  long left = 0;
  int best = 0;
  for (const auto& [x, n] : starts)
    if (n > best) best = n, left = x;

  int line_number = 0;
  for (std::size_t p = 0; p < all.size(); ++p) {
    out.page_first_line.push_back(line_number + 1);
    // Running heads and folios first, so that a head split at both sides
    // of the page (某某公报 …… 2023年第3期) is not taken for two columns.
    std::string folio;
    std::vector<PdfLine> body;
    for (PdfLine& l : all[p].lines) {
      if (furniture(l, all[p].height)) {
        long n = folio_number(l.text());
        if (l.y0 > 0.5 * all[p].height && n >= 0) folio = "— " + std::to_string(n) + " —";
        continue;  // a running head: its facts are the masthead's
      }
      body.push_back(std::move(l));
    }
    mark_columns(body);
    // The page's usual leading: the median space between a line and the
    // next. A space of more than twice that (and more than a line's
    // height) is a blank line, as the text it was set from has one there.
    std::vector<double> spaces;
    for (std::size_t k = 1; k < body.size(); ++k)
      if (body[k].column == body[k - 1].column && body[k].y0 > body[k - 1].y1) spaces.push_back(body[k].y0 - body[k - 1].y1);
    double usual = 0;
    if (!spaces.empty()) {
      std::nth_element(spaces.begin(), spaces.begin() + static_cast<long>(spaces.size() / 2), spaces.end());
      usual = spaces[spaces.size() / 2];
    }
    for (std::size_t k = 0; k < body.size(); ++k) {
      const PdfLine& l = body[k];
      if (k > 0 && !spaces.empty() && l.column == body[k - 1].column) {
        double space = l.y0 - body[k - 1].y1;
        if (space > 2 * usual && space > std::min(l.y1 - l.y0, body[k - 1].y1 - body[k - 1].y0)) {
          out.text += '\n';
          ++line_number;
        }
      }
      // Indentation as a reader sees it: two spaces an em from the left
      // edge (centred titles, indented paragraphs, right-aligned dates).
      double em = std::max(1.0, l.size);
      double indent = l.column == 2 ? 0 : l.x0 - static_cast<double>(left);
      if (indent >= 1.5 * em) out.text.append(static_cast<std::size_t>(std::lround(2 * indent / em)), ' ');
      out.text += l.text();
      out.text += '\n';
      ++line_number;
    }
    if (!folio.empty()) {
      out.text += folio;
      out.text += '\n';
      ++line_number;
    }
  }
  return out;
}

// poppler's own resources are not ours to bound: a 2 KB PDF whose text
// stands at an extreme height makes its text pools take 700 MB and 6 s
// (pdftotext too; pdf_fuzz found it). So a PDF is read in a child process
// under limits of memory (the process's size now, plus 256 MiB and 16 x the
// PDF) and CPU time (20 s + 2 s a MiB), the text sent back through a pipe;
// a child that passes a limit or crashes poppler is an InputError for this
// PDF, and the run goes on. Each child has its own poppler, so PDFs are
// read in parallel. Sanitizer and fuzzing builds read in process (ASan's
// shadow memory does not fit an address-space limit; the fuzzer wants the
// coverage).
#if defined(__SANITIZE_ADDRESS__) || defined(GAZETTE_FUZZING)
constexpr bool kIsolate = false;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kIsolate = false;
#else
constexpr bool kIsolate = true;
#endif
#else
constexpr bool kIsolate = true;
#endif

void put(std::string& out, std::uint64_t n) { out.append(reinterpret_cast<const char*>(&n), sizeof n); }
bool get(std::string_view& in, std::uint64_t* n) {
  if (in.size() < sizeof *n) return false;
  std::memcpy(n, in.data(), sizeof *n);
  in.remove_prefix(sizeof *n);
  return true;
}

std::string encode(const PdfText& t) {
  std::string out = "T";
  put(out, t.text.size());
  out += t.text;
  put(out, static_cast<std::uint64_t>(t.pages));
  for (const auto* list : {&t.page_first_line, &t.pages_without_text}) {
    put(out, list->size());
    for (int v : *list) put(out, static_cast<std::uint64_t>(v));
  }
  return out;
}

bool decode_result(std::string_view in, PdfText* t) {
  if (in.empty() || in[0] != 'T') return false;
  in.remove_prefix(1);
  std::uint64_t n = 0;
  if (!get(in, &n) || n > in.size()) return false;
  t->text.assign(in.data(), n);
  in.remove_prefix(n);
  if (!get(in, &n)) return false;
  t->pages = static_cast<int>(n);
  for (auto* list : {&t->page_first_line, &t->pages_without_text}) {
    if (!get(in, &n) || n > in.size() / 8) return false;
    list->resize(n);
    for (int& v : *list) {
      std::uint64_t x = 0;
      get(in, &x);
      v = static_cast<int>(x);
    }
  }
  return in.empty();
}

void write_all(int fd, std::string_view s) {
  while (!s.empty()) {
    ssize_t n = ::write(fd, s.data(), s.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    s.remove_prefix(static_cast<std::size_t>(n));
  }
}

std::size_t address_space_now() {
  std::ifstream statm("/proc/self/statm");
  std::size_t pages = 0;
  statm >> pages;
  return pages * static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
}

PdfText read_isolated(std::string_view bytes, const PdfLimits& limits) {
  const std::size_t mib = std::size_t{1} << 20;
  const rlim_t memory = address_space_now() + 256 * mib + 16 * bytes.size();
  const rlim_t cpu = 20 + 2 * (bytes.size() / mib);
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) throw InputError(std::string("cannot read the PDF: pipe: ") + std::strerror(errno));
  pid_t pid = ::fork();
  if (pid < 0) {
    ::close(fds[0]), ::close(fds[1]);
    throw InputError(std::string("cannot read the PDF: fork: ") + std::strerror(errno));
  }
  if (pid == 0) {  // the child: read, send, _exit (no destructor, no flush of the parent's buffers)
    ::close(fds[0]);
    // poppler and the C library print their own last words (Out of memory,
    // double free…) on stderr: not ours to show; the parent says what failed.
    int null = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (null >= 0) ::dup2(null, STDERR_FILENO);
    struct rlimit m = {memory, memory}, c = {cpu, cpu + 1};
    ::setrlimit(RLIMIT_AS, &m);
    ::setrlimit(RLIMIT_CPU, &c);
    std::string message;
    try {
      message = encode(read_here(bytes, limits));
    } catch (const InputError& e) {
      message = std::string("E") + e.what();
    } catch (const std::bad_alloc&) {
      message = "Mover the memory limit";
    } catch (...) {
      message = "Ethe PDF reader failed";
    }
    write_all(fds[1], message);
    ::_exit(0);
  }
  ::close(fds[1]);
  // Read until the child closes the pipe; a child past its wall-clock
  // allowance (twice its CPU time: a stopped or starved child) is killed.
  std::string reply;
  char buf[1 << 16];
  const int deadline_ms = static_cast<int>(2 * cpu + 10) * 1000;
  auto start = std::chrono::steady_clock::now();
  bool killed = false;
  for (;;) {
    int left = deadline_ms - static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                                   std::chrono::steady_clock::now() - start)
                                                   .count());
    struct pollfd p = {fds[0], POLLIN, 0};
    int r = left > 0 ? ::poll(&p, 1, left) : 0;
    if (r < 0 && errno == EINTR) continue;
    if (r == 0) {
      ::kill(pid, SIGKILL);
      killed = true;
      break;
    }
    ssize_t n = ::read(fds[0], buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    reply.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fds[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  PdfText out;
  if (!killed && WIFEXITED(status) && decode_result(reply, &out)) return out;
  if (!killed && WIFEXITED(status) && !reply.empty() && reply[0] == 'E') throw InputError(reply.substr(1));
  const std::string limits_text = "(" + std::to_string(memory / mib) + " MiB, " + std::to_string(cpu) + " s of CPU)";
  if (killed || (WIFSIGNALED(status) && (WTERMSIG(status) == SIGXCPU || WTERMSIG(status) == SIGKILL)))
    throw InputError("reading this PDF took longer than its limit " + limits_text + ": a damaged or hostile PDF?");
  if ((WIFEXITED(status) && !reply.empty() && reply[0] == 'M') || (WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT))
    throw InputError("reading this PDF took more memory than its limit " + limits_text + ": a damaged or hostile PDF?");
  throw InputError("reading this PDF crashed the PDF library (signal " +
                   std::to_string(WIFSIGNALED(status) ? WTERMSIG(status) : 0) + "): a damaged or hostile PDF?");
}

}  // namespace

bool pdf_reader_available() { return module().entry != nullptr; }

std::string pdf_reader_description() {
  const Module& m = module();
  if (!m.entry) return "unavailable: " + m.error;
  return std::string("poppler ") + m.entry->poppler_version() + ", module " + m.path;
}

PdfText read_pdf(std::string_view bytes, const PdfLimits& limits) {
  // Loaded here, before a reading child is forked, so that a run of many
  // PDFs loads poppler once and each child inherits it.
  (void)pdf_module();
  return kIsolate && limits.isolate ? read_isolated(bytes, limits) : read_here(bytes, limits);
}

}  // namespace gazette
