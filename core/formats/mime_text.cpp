#include "core/formats/mime_text.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>

namespace tlsrpt::mime {
namespace {

constexpr std::size_t kMaxLine = 78;
constexpr char kHex[] = "0123456789ABCDEF";

std::string without_line_breaks(std::string_view value) {
  std::string out(value);
  std::replace_if(out.begin(), out.end(), [](char c) { return c == '\r' || c == '\n'; }, ' ');
  return out;
}

bool is_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

}  // namespace

std::string base64_lines(std::string_view bytes) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4 + (bytes.size() / 57 + 1) * 2);
  std::size_t col = 0;
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    const std::size_t n = std::min<std::size_t>(3, bytes.size() - i);
    std::uint32_t v = 0;
    for (std::size_t k = 0; k < 3; ++k)
      v = v << 8 | (k < n ? static_cast<unsigned char>(bytes[i + k]) : 0u);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += n > 1 ? kAlphabet[(v >> 6) & 63] : '=';
    out += n > 2 ? kAlphabet[v & 63] : '=';
    if ((col += 4) == 76) {
      out += "\r\n";
      col = 0;
    }
  }
  if (col != 0) out += "\r\n";
  return out;
}

std::string quoted_printable(std::string_view text) {
  std::string out;
  std::size_t col = 0;
  auto put = [&](std::string_view piece) {
    if (col + piece.size() > 75) {  // leave room for the soft break "="
      out += "=\r\n";
      col = 0;
    }
    out += piece;
    col += piece.size();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n' || (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) {
      if (c == '\r') ++i;
      // Trailing white space before a line break must be encoded (RFC 2045 §6.7 rule 3).
      if (!out.empty() && (out.back() == ' ' || out.back() == '\t')) {
        const char ws = out.back();
        out.pop_back();
        --col;
        const char enc[] = {'=', kHex[static_cast<unsigned char>(ws) >> 4], kHex[ws & 15], '\0'};
        put(enc);
      }
      out += "\r\n";
      col = 0;
      continue;
    }
    if ((c >= 33 && c <= 126 && c != '=') || c == ' ' || c == '\t') {
      const char lit[] = {static_cast<char>(c), '\0'};
      put(lit);
    } else {
      const char enc[] = {'=', kHex[c >> 4], kHex[c & 15], '\0'};
      put(enc);
    }
  }
  if (!out.empty() && (out.back() == ' ' || out.back() == '\t')) out += "=\r\n";
  return out;
}

bool fits_7bit(std::string_view text) {
  std::size_t col = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == 0 || c >= 0x80) return false;
    if (c == '\r') {
      if (i + 1 >= text.size() || text[i + 1] != '\n') return false;
      continue;
    }
    if (c == '\n') {
      col = 0;
      continue;
    }
    if (++col > kMaxLine) return false;
  }
  return true;
}

std::string to_crlf(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 32);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
    if (text[i] == '\n') out += '\r';
    out += text[i];
  }
  return out;
}

std::string header_field(std::string_view name, std::string_view value) {
  std::string v = without_line_breaks(value);
  if (v.empty() || v.front() != ' ') v.insert(v.begin(), ' ');
  std::string out(name);
  out += ':';
  std::size_t col = out.size();
  const std::size_t first_col = col;
  // Segments start at a space, so a fold (CRLF) before one leaves the space as the folding WSP.
  for (std::size_t i = 0; i < v.size();) {
    std::size_t end = v.find(' ', i + 1);
    if (end == std::string::npos) end = v.size();
    if (col > first_col && col + (end - i) > kMaxLine) {
      out += "\r\n";
      col = 0;
    }
    out.append(v, i, end - i);
    col += end - i;
    i = end;
  }
  out += "\r\n";
  return out;
}

std::string parameter(std::string_view name, std::string_view value) {
  const std::string clean = without_line_breaks(value);
  const bool plain_ok = is_ascii(clean) && clean.find('"') == std::string::npos &&
                        clean.find('\\') == std::string::npos;
  std::string whole = std::string(name) + "=\"" + clean + "\"";
  if (plain_ok && whole.size() + 2 <= kMaxLine - 2) return whole;

  // RFC 2231 §3 and §4: numbered pieces; percent-encoded (and charset-tagged) unless plain ASCII.
  std::string out;
  std::size_t piece = 0, i = 0;
  const std::size_t budget = 60;
  while (i < clean.size() || piece == 0) {
    std::string chunk;
    while (i < clean.size() && chunk.size() < budget) {
      const auto c = static_cast<unsigned char>(clean[i++]);
      const bool literal = plain_ok || (std::isalnum(c) != 0 || c == '.' || c == '-' || c == '_' || c == '!');
      if (literal) {
        chunk += static_cast<char>(c);
      } else {
        chunk += '%';
        chunk += kHex[c >> 4];
        chunk += kHex[c & 15];
      }
    }
    if (!out.empty()) out += "; ";
    out += std::string(name) + "*" + std::to_string(piece);
    if (plain_ok)
      out += "=\"" + chunk + "\"";
    else
      out += "*=" + std::string(piece == 0 ? "utf-8''" : "") + chunk;
    ++piece;
  }
  return out;
}

}  // namespace tlsrpt::mime
