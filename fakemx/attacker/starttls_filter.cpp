#include "fakemx/attacker/starttls_filter.hpp"

#include <array>
#include <utility>

namespace tlsrpt::fakemx::attacker {
namespace {

constexpr std::array<std::pair<AttackMode, std::string_view>, 5> kModes{{
    {AttackMode::pass_through, "pass-through"},
    {AttackMode::strip_starttls, "strip-starttls"},
    {AttackMode::rewrite_starttls, "rewrite-starttls"},
    {AttackMode::answer_454, "answer-454"},
    {AttackMode::drop_after_starttls, "drop-after-starttls"},
}};

std::string_view without_line_end(std::string_view line) {
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  return line;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

// "250-STARTTLS" / "250 STARTTLS": the extension keyword of one EHLO reply line.
bool is_starttls_line(std::string_view line) {
  line = without_line_end(line);
  return line.size() == 12 && line.substr(0, 3) == "250" && iequals(line.substr(4), "STARTTLS");
}

// A reply line ends the reply when the character after the code is not '-'.
bool is_final_line(std::string_view line) { return line.size() < 4 || line[3] != '-'; }

}  // namespace

std::string_view mode_name(AttackMode mode) {
  for (const auto& [m, name] : kModes)
    if (m == mode) return name;
  return "unknown";
}

std::optional<AttackMode> parse_mode(std::string_view name) {
  for (const auto& [m, n] : kModes)
    if (n == name) return m;
  return std::nullopt;
}

std::vector<std::string> mode_names() {
  std::vector<std::string> out;
  for (const auto& entry : kModes) out.emplace_back(entry.second);
  return out;
}

void StarttlsFilter::go_transparent(Output& out) {
  transparent_ = true;
  out.to_client += server_pending_;
  server_pending_.clear();
  for (auto& l : server_lines_) out.to_client += l;
  server_lines_.clear();
}

void StarttlsFilter::from_client(std::string_view bytes, Output& out) {
  if (transparent_) {
    out.to_server.append(bytes);
    return;
  }
  client_pending_.append(bytes);
  std::size_t start = 0;
  while (!out.close && !transparent_) {
    const auto lf = client_pending_.find('\n', start);
    if (lf == std::string::npos) break;
    client_line(std::string_view(client_pending_).substr(start, lf + 1 - start), out);
    start = lf + 1;
  }
  if (transparent_) {  // the rest is the client's TLS ClientHello (or an injection attempt): relay it
    out.to_server.append(client_pending_, start);
    client_pending_.clear();
    return;
  }
  client_pending_.erase(0, start);
  if (client_pending_.size() > kMaxPending) {
    out.to_server += client_pending_;
    client_pending_.clear();
  }
}

void StarttlsFilter::client_line(std::string_view line, Output& out) {
  const std::string_view text = without_line_end(line);
  if (client_in_data_) {
    if (text == ".") client_in_data_ = false;
    out.to_server.append(line);
    return;
  }
  if (iequals(text, "DATA")) client_in_data_ = true;
  if (!iequals(text, "STARTTLS")) {
    out.to_server.append(line);
    return;
  }
  switch (mode_) {
    case AttackMode::pass_through:
      out.to_server.append(line);
      go_transparent(out);
      return;
    case AttackMode::strip_starttls:
    case AttackMode::rewrite_starttls:
      tampered_ = true;
      out.to_client += "502 5.5.1 Error: command not implemented\r\n";
      return;
    case AttackMode::answer_454:
      tampered_ = true;
      out.to_client += "454 4.7.0 TLS not available due to temporary reason\r\n";
      return;
    case AttackMode::drop_after_starttls:
      tampered_ = true;
      out.close = true;
      return;
  }
}

void StarttlsFilter::from_server(std::string_view bytes, Output& out) {
  if (transparent_) {
    out.to_client.append(bytes);
    return;
  }
  server_pending_.append(bytes);
  std::size_t start = 0;
  while (true) {
    const auto lf = server_pending_.find('\n', start);
    if (lf == std::string::npos) break;
    server_lines_.emplace_back(server_pending_, start, lf + 1 - start);
    start = lf + 1;
    if (is_final_line(server_lines_.back())) server_reply(out);
  }
  server_pending_.erase(0, start);
  if (server_pending_.size() > kMaxPending) go_transparent(out);  // not SMTP as we know it: give up parsing
}

void StarttlsFilter::server_reply(Output& out) {
  std::vector<std::string> lines = std::move(server_lines_);
  server_lines_.clear();
  const bool strip = mode_ == AttackMode::strip_starttls, rewrite = mode_ == AttackMode::rewrite_starttls;
  if (strip || rewrite) {
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (!is_starttls_line(lines[i])) continue;
      tampered_ = true;
      if (rewrite) {
        lines[i].replace(4, 8, "XXXXXXXX");
        continue;
      }
      const bool was_final = i + 1 == lines.size();
      lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(i));
      if (was_final && !lines.empty() && lines.back().size() > 3) lines.back()[3] = ' ';
      --i;
    }
  }
  for (auto& l : lines) out.to_client += l;
}

}  // namespace tlsrpt::fakemx::attacker
