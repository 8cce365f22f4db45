// A system under test: something the fuzzer hands one input at a time and observes. One instance
// per worker thread (make one per --jobs), so an implementation may keep a connection open.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "fuzz/driver/observation.hpp"

namespace tlsrpt::fuzz {

struct Input {
  std::string_view bytes;
  std::string_view extension;   // ".json", ".json.gz", ".eml": how the file is named
  std::string_view media_type;  // "application/tlsrpt+json", "application/tlsrpt+gzip", "message/rfc822"
};

class Target {
 public:
  virtual ~Target() = default;
  virtual Observation run(const Input& input) = 0;
  // Whether the target still answers (servers: a liveness probe; commands: always).
  virtual bool alive() { return true; }
  // One shell line that replays `input_file` (a path relative to the reproducer's folder) against
  // the target by hand.
  virtual std::string repro_line(const std::string& input_file, const Input& input) const = 0;
  virtual std::string describe() const = 0;  // "exec: parser --json @@", "https://127.0.0.1:8443/v1"
};

}  // namespace tlsrpt::fuzz
