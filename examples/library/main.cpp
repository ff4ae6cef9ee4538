// Prints the number and title of each document of a gazette issue, using
// libgazette directly: read the bytes, extract, walk the documents.
#include <gazette/error.h>
#include <gazette/extract.h>
#include <gazette/files.h>

#include <iostream>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: list-documents FILE\n";
    return 2;
  }
  try {
    gazette::ExtractOptions options;
    options.path = argv[1];
    gazette::Issue issue = gazette::extract(gazette::read_file(argv[1]), options);
    for (const gazette::Document& d : issue.documents)
      std::cout << (d.number ? d.number->text : "-") << '\t' << d.title << '\n';
  } catch (const gazette::InputError& e) {
    std::cerr << "list-documents: error: " << argv[1] << ": " << e.what() << '\n';
    return 2;
  }
  return 0;
}
