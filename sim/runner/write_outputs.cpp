#include <fstream>

#include "sim/runner/outputs.hpp"

namespace tlsrpt::runner {
namespace {

void write_file(const std::filesystem::path& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

std::string safe_name(std::string text) {
  for (char& c : text)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != '_' && c != '!') c = '_';
  return text;
}

}  // namespace

void write_outputs(const RunView& view, const std::filesystem::path& dir) {
  std::filesystem::create_directories(dir / "reports");
  write_file(dir / "result.json", result_json(view));
  write_file(dir / "junit.xml", junit_xml({view}));
  write_file(dir / "index.html", html_page(view));
  write_file(dir / "summary.txt", terminal_summary(view));
  for (const auto& r : view.run.reports) {
    const std::string name = safe_name(r.filename.empty() ? "report.json.gz" : r.filename);
    write_file(dir / "reports" / name, r.gzip);
    if (!r.eml.empty()) write_file(dir / "reports" / (name + ".eml"), r.eml);
  }
  if (view.run.transcripts.empty()) return;
  std::filesystem::create_directories(dir / "transcripts");
  for (std::size_t i = 0; i < view.run.transcripts.size(); ++i) {
    const auto& t = view.run.transcripts[i];
    write_file(dir / "transcripts" / (std::to_string(i + 1) + "-" + safe_name(t.result_type) + ".txt"),
               "sender: " + t.sender + "\nmx: " + t.mx + "\nresult: " + t.result_type + "\n\n" + t.text);
  }
}

}  // namespace tlsrpt::runner
