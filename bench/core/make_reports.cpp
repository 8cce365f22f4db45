// bench_core_make_reports DIR COUNT [SEED]: writes COUNT small reports (a tenth of them gzipped) for
// bench/check_dir.sh.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "bench/core/sample_reports.hpp"
#include "core/formats/gzip.hpp"
#include "core/json/codec.hpp"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: bench_core_make_reports DIR COUNT [SEED]\n";
    return 2;
  }
  const std::filesystem::path dir = argv[1];
  const long count = std::strtol(argv[2], nullptr, 10);
  tlsrpt::Rng rng(argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 1);
  std::filesystem::create_directories(dir);
  for (long i = 0; i < count; ++i) {
    const std::string json = tlsrpt::emit_json(tlsrpt::bench::small_report(rng));
    const bool gz = i % 10 == 0;
    const auto path = dir / ("report-" + std::to_string(i) + (gz ? ".json.gz" : ".json"));
    const std::string bytes = gz ? tlsrpt::gzip_compress(json) : json;
    std::ofstream(path, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }
  std::cout << "seed " << (argc > 3 ? argv[3] : "1") << ": wrote " << count << " reports to " << dir.string() << "\n";
  return 0;
}
