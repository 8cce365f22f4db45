#include "generators/output/sinks.hpp"

#include <fstream>
#include <stdexcept>

namespace tlsrpt::gen {
namespace {

void write_file(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

class DirectorySink : public ArtifactSink {
 public:
  DirectorySink(std::filesystem::path dir, std::uint64_t seed) : dir_(std::move(dir)), seed_(seed) {
    std::filesystem::create_directories(dir_);
  }
  void write(const Artifact& a) override {
    const auto path = dir_ / a.path;
    if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
    write_file(path, a.bytes);
    if (!a.steps.empty()) write_file(path.string() + ".mutations.json", mutations_json(a, seed_));
  }

 private:
  std::filesystem::path dir_;
  std::uint64_t seed_;
};

class MboxSink : public ArtifactSink {
 public:
  explicit MboxSink(std::ostream& out) : out_(out) {}
  void write(const Artifact& a) override {
    out_ << "From MAILER-DAEMON Thu Jan  1 00:00:00 1970\n";
    std::string_view rest = a.bytes;
    while (!rest.empty()) {
      auto eol = rest.find('\n');
      auto line = rest.substr(0, eol);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      const auto first = line.find_first_not_of('>');
      if (first != std::string_view::npos && line.substr(first).starts_with("From ")) out_ << '>';
      out_ << line << '\n';
      if (eol == std::string_view::npos) break;
      rest.remove_prefix(eol + 1);
    }
    out_ << '\n';
    if (!out_) throw std::runtime_error("cannot write the mbox");
  }

 private:
  std::ostream& out_;
};

class StreamSink : public ArtifactSink {
 public:
  StreamSink(std::ostream& out, std::uint64_t seed) : out_(out), seed_(seed) {}
  void write(const Artifact& a) override {
    out_ << "#tlsrpt-lab index=" << a.index << " bytes=" << a.bytes.size() << " path=" << a.path
         << " media-type=" << a.media_type;
    if (!a.steps.empty()) {
      auto sidecar = mutations_json(a, seed_);
      sidecar.pop_back();  // its newline
      out_ << " mutations=" << sidecar;
    }
    out_ << '\n';
    out_.write(a.bytes.data(), static_cast<std::streamsize>(a.bytes.size()));
    out_ << '\n';
    if (!out_) throw std::runtime_error("cannot write to the output stream");
  }

 private:
  std::ostream& out_;
  std::uint64_t seed_;
};

}  // namespace

std::unique_ptr<ArtifactSink> directory_sink(const std::filesystem::path& dir, std::uint64_t seed) {
  return std::make_unique<DirectorySink>(dir, seed);
}
std::unique_ptr<ArtifactSink> mbox_sink(std::ostream& out) { return std::make_unique<MboxSink>(out); }
std::unique_ptr<ArtifactSink> stream_sink(std::ostream& out, std::uint64_t seed) {
  return std::make_unique<StreamSink>(out, seed);
}

}  // namespace tlsrpt::gen
