#include "core/json/policy_string.hpp"

#include <array>
#include <charconv>
#include <cstdint>

namespace tlsrpt {
namespace {

// What a character can be in a policy line (key character, space to trim), one table read each.
enum : std::uint8_t { kKeyChar = 1, kLeadingSpace = 2, kTrailingSpace = 4 };
constexpr std::array<std::uint8_t, 256> kLineChars = [] {
  std::array<std::uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (alnum || c == '_') t[static_cast<std::size_t>(c)] = kKeyChar;
  }
  t[' '] = t['\t'] = kLeadingSpace | kTrailingSpace;
  t['\r'] = t['\n'] = kTrailingSpace;
  return t;
}();

bool is(char c, std::uint8_t what) { return kLineChars[static_cast<unsigned char>(c)] & what; }

std::string_view trim_front(std::string_view s) {
  while (!s.empty() && is(s.front(), kLeadingSpace)) s.remove_prefix(1);
  return s;
}

std::string_view trim(std::string_view s) {
  s = trim_front(s);
  while (!s.empty() && is(s.back(), kTrailingSpace)) s.remove_suffix(1);
  return s;
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

bool small_number(std::string_view s) {
  unsigned v = 0;
  const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  return r.ec == std::errc() && r.ptr == s.data() + s.size() && v <= 255 && all_digits(s);
}

bool is_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

enum class StsKey { version, mode, max_age, mx, other };

struct LineKey {
  StsKey key = StsKey::other;
  std::size_t colon = 0;  // where the colon after the key stands; 0 if the line has no key and colon
};

// The four keys RFC 8461 §3.2 defines are each one fixed-size comparison with the line's start;
// any other key is read character by character.
LineKey read_key(std::string_view line) {
  if (line.starts_with("mx:")) return {StsKey::mx, 2};
  if (line.starts_with("mode:")) return {StsKey::mode, 4};
  if (line.starts_with("version:")) return {StsKey::version, 7};
  if (line.starts_with("max_age:")) return {StsKey::max_age, 7};
  std::size_t colon = 0;
  while (colon < line.size() && is(line[colon], kKeyChar)) ++colon;
  if (colon == line.size() || line[colon] != ':') return {};
  return {StsKey::other, colon};
}

// Up to eight digits (so no overflow), at most 31557600.
bool is_max_age(std::string_view value) {
  if (value.empty() || value.size() > 8) return false;
  std::uint32_t seconds = 0;
  for (char c : value) {
    if (c < '0' || c > '9') return false;
    seconds = seconds * 10 + static_cast<std::uint32_t>(c - '0');
  }
  return seconds <= 31557600;
}

bool is_mode(std::string_view value) { return value == "enforce" || value == "testing" || value == "none"; }

}  // namespace

// Each line is read once; strings are built only for the sentence of a problem.
std::optional<std::string> sts_policy_problem(std::span<const std::string_view> lines) {
  int versions = 0, modes = 0, max_ages = 0, mxs = 0;
  std::string_view mode;
  for (const std::string_view raw : lines) {
    const std::string_view line = trim(raw);
    const LineKey key = read_key(line);
    if (key.colon == 0) {
      const auto first_colon = line.find(':');
      if (first_colon == std::string_view::npos || first_colon == 0)
        return "the line \"" + std::string(raw) + "\" is not of the form \"key: value\"";
      return "the line \"" + std::string(raw) + "\" has an invalid key";
    }
    // The line's end is trimmed already, so the value's is too.
    const std::string_view value = trim_front(line.substr(key.colon + 1));
    switch (key.key) {
      case StsKey::version:
        ++versions;
        if (value != "STSv1") return "the version line says \"" + std::string(value) + "\" instead of STSv1";
        break;
      case StsKey::mode:
        ++modes;
        mode = value;
        if (!is_mode(value)) return "the mode \"" + std::string(value) + "\" is not enforce, testing or none";
        break;
      case StsKey::max_age:
        ++max_ages;
        if (!is_max_age(value))
          return "max_age \"" + std::string(value) + "\" is not a number of seconds up to 31557600";
        break;
      case StsKey::mx:
        ++mxs;
        if (value.empty()) return "an mx line has no host pattern";
        break;
      case StsKey::other: break;
    }
  }
  if (versions != 1) return versions ? "the version line appears more than once" : "the version line is missing";
  if (modes != 1) return modes ? "the mode line appears more than once" : "the mode line is missing";
  if (max_ages != 1) return max_ages ? "the max_age line appears more than once" : "the max_age line is missing";
  if (mxs == 0 && mode != "none") return "there is no mx line although the mode is " + std::string(mode);
  return std::nullopt;
}

TlsaText classify_tlsa_record(std::string_view e) {
  const std::string_view t = trim(e);
  if (!t.empty() && t.front() == '[') return TlsaText::json_in_string;
  std::string_view fields[4];
  std::size_t n = 0, pos = 0;
  while (pos < e.size() && n < 4) {
    const auto space = n < 3 ? e.find(' ', pos) : std::string_view::npos;
    fields[n++] = e.substr(pos, space == std::string_view::npos ? std::string_view::npos : space - pos);
    if (space == std::string_view::npos) {
      pos = e.size();
      break;
    }
    pos = space + 1;
  }
  if (n != 4 || !small_number(fields[0]) || !small_number(fields[1]) || !small_number(fields[2]))
    return TlsaText::malformed;
  const std::string_view hex = fields[3];
  if (hex.empty() || hex.size() % 2 != 0) return TlsaText::malformed;
  for (char c : hex)
    if (!is_hex(c)) return TlsaText::malformed;
  return TlsaText::ok;
}

}  // namespace tlsrpt
