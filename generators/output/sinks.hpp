// Where generated artifacts go: a directory tree (§5.1 names, sidecars), one mbox, or a framed
// stream on stdout. Each writes one artifact at a time, so memory stays flat for any count.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <ostream>

#include "generators/output/factory.hpp"

namespace tlsrpt::gen {

class ArtifactSink {
 public:
  virtual ~ArtifactSink() = default;
  virtual void write(const Artifact& a) = 0;
};

// DIR/<path> (+ DIR/<path>.mutations.json when the chain is not empty). Files are 0644, dirs made.
std::unique_ptr<ArtifactSink> directory_sink(const std::filesystem::path& dir, std::uint64_t seed);
// mboxrd: "From " separator lines, LF line ends, ">From " quoting.
std::unique_ptr<ArtifactSink> mbox_sink(std::ostream& out);
// Framed stream: "#tlsrpt-lab index=K bytes=N path=P media-type=T [mutations=JSON]\n" + N bytes + "\n".
std::unique_ptr<ArtifactSink> stream_sink(std::ostream& out, std::uint64_t seed);

}  // namespace tlsrpt::gen
