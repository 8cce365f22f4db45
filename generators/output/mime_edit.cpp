#include "generators/output/mime_edit.hpp"

#include <cctype>
#include <utility>

namespace tlsrpt::gen {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

// [begin, end) of the first header field named `name`, folded lines included.
std::optional<std::pair<std::size_t, std::size_t>> find_field(std::string_view m, std::string_view name,
                                                              std::size_t from = 0) {
  const auto block = header_block_end(m);
  const auto limit = block == std::string_view::npos ? m.size() : block;
  std::size_t pos = from;
  while (pos < limit) {
    auto eol = m.find("\r\n", pos);
    if (eol == std::string_view::npos || eol >= limit) eol = limit;
    std::size_t end = eol + 2;
    while (end < limit && (m[end] == ' ' || m[end] == '\t')) {
      const auto next = m.find("\r\n", end);
      end = next == std::string_view::npos ? limit : next + 2;
    }
    const auto colon = m.find(':', pos);
    if (colon != std::string_view::npos && colon < eol && iequals(m.substr(pos, colon - pos), name))
      return std::make_pair(pos, std::min(end, limit));
    pos = end;
  }
  return std::nullopt;
}

}  // namespace

std::size_t header_block_end(std::string_view m) {
  const auto pos = m.find("\r\n\r\n");
  return pos == std::string_view::npos ? pos : pos + 2;
}

std::optional<std::string> header_value(std::string_view m, std::string_view name) {
  const auto field = find_field(m, name);
  if (!field) return std::nullopt;
  std::string value;
  const auto raw = m.substr(field->first, field->second - field->first);
  for (std::size_t i = raw.find(':') + 1; i < raw.size(); ++i)
    if (raw[i] != '\r' && raw[i] != '\n') value += raw[i];
  const auto first = value.find_first_not_of(" \t");
  return first == std::string::npos ? std::string{} : value.substr(first);
}

bool replace_header(std::string& m, std::string_view name, std::string_view value) {
  const auto field = find_field(m, name);
  if (!field) return false;
  m.replace(field->first, field->second - field->first, std::string(name) + ": " + std::string(value) + "\r\n");
  return true;
}

int remove_header(std::string& m, std::string_view name) {
  int removed = 0;
  while (auto field = find_field(m, name)) {
    m.erase(field->first, field->second - field->first);
    ++removed;
  }
  return removed;
}

void append_headers(std::string& m, std::string_view lines) {
  const auto end = header_block_end(m);
  m.insert(end == std::string::npos ? m.size() : end, lines);
}

std::string top_boundary(std::string_view m) {
  const auto ct = header_value(m, "Content-Type");
  if (!ct) return {};
  std::string lower;
  for (char c : *ct) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto pos = lower.find("boundary=");
  if (pos == std::string::npos) return {};
  pos += 9;
  if (pos < ct->size() && (*ct)[pos] == '"') {
    const auto close = ct->find('"', pos + 1);
    return ct->substr(pos + 1, close == std::string::npos ? std::string::npos : close - pos - 1);
  }
  const auto end = ct->find_first_of("; \t", pos);
  return ct->substr(pos, end == std::string::npos ? std::string::npos : end - pos);
}

}  // namespace tlsrpt::gen
