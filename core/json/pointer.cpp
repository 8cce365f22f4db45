#include "core/json/pointer.hpp"

namespace tlsrpt::json_pointer {

void append(std::string& pointer, std::string_view token) {
  pointer += '/';
  for (char c : token) {
    if (c == '~')
      pointer += "~0";
    else if (c == '/')
      pointer += "~1";
    else
      pointer += c;
  }
}

void append(std::string& pointer, std::size_t index) {
  pointer += '/';
  pointer += std::to_string(index);
}

std::string policy(std::size_t i, std::string_view suffix) {
  std::string p = "/policies";
  append(p, i);
  p += suffix;
  return p;
}

std::string detail(std::size_t i, std::size_t j, std::string_view suffix) {
  std::string p = policy(i, "/failure-details");
  append(p, j);
  p += suffix;
  return p;
}

}  // namespace tlsrpt::json_pointer
