// Where `load` sends reports: https://host[:port]/path, smtp://host[:port] (STARTTLS), dir:PATH or
// maildir:PATH. Only loopback hosts unless the user says --allow-remote.
#pragma once

#include <cstdint>
#include <string>

namespace tlsrpt::gen::load {

enum class Scheme { https, smtp, dir, maildir };

struct Target {
  Scheme scheme = Scheme::https;
  std::string host;
  std::uint16_t port = 0;
  std::string path;  // HTTP request target, or the drop directory
  std::string text;  // as given
};

Target parse_target(const std::string& text);  // throws std::invalid_argument

// Throws std::invalid_argument when the host does not resolve only to loopback addresses and
// `allow_remote` is false. Returns a warning sentence (empty if none) to print loudly otherwise.
std::string check_loopback(const Target& target, bool allow_remote);

}  // namespace tlsrpt::gen::load
