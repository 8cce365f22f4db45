#include "core/check/inputs.hpp"

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace tlsrpt::check {
namespace fs = std::filesystem;

namespace {

bool ends_with_icase(const std::string& s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  return std::equal(suffix.begin(), suffix.end(), s.end() - static_cast<std::ptrdiff_t>(suffix.size()),
                    [](char a, char b) { return a == (b >= 'A' && b <= 'Z' ? b - 'A' + 'a' : b); });
}

}  // namespace

bool is_report_file_name(const std::string& name) {
  return ends_with_icase(name, ".json") || ends_with_icase(name, ".gz") || ends_with_icase(name, ".eml");
}

ExpandedInputs expand_inputs(const std::vector<std::string>& args) {
  ExpandedInputs out;
  for (const auto& arg : args) {
    std::error_code ec;
    if (arg == "-" || !fs::is_directory(arg, ec)) {
      out.paths.push_back(arg);
      continue;
    }
    std::vector<std::string> found;
    fs::recursive_directory_iterator it(arg, fs::directory_options::skip_permission_denied, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
      std::error_code fec;
      if (it->is_regular_file(fec) && is_report_file_name(it->path().filename().string()))
        found.push_back(it->path().string());
    }
    if (ec) out.problems.push_back(arg + ": the directory cannot be listed (" + ec.message() + ")");
    std::sort(found.begin(), found.end());
    out.paths.insert(out.paths.end(), found.begin(), found.end());
  }
  return out;
}

}  // namespace tlsrpt::check
