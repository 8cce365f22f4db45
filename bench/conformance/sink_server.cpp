// Starts the report sink (HTTPS + SMTP with STARTTLS, DKIM trusted for the suite's record) and
// prints where it listens, one "key value" line each, then "ready". Runs until stdin closes.
// Usage: bench_conformance_sink_server DIR DKIM-RECORD
#include <iostream>
#include <string>

#include "tests/conformance/sink_fixture.hpp"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: bench_conformance_sink_server DIR DKIM-RECORD\n";
    return 2;
  }
  try {
    tlsrpt::test::ConformanceSink sink(argv[1], argv[2]);
    std::cout << "https " << sink.https_url() << "\noracle " << sink.oracle_url() << "?report-id={report-id}\nsmtp "
              << sink.smtp_address() << "\nca " << sink.ca_file().string() << "\nready" << std::endl;
    std::string line;
    while (std::getline(std::cin, line)) {
    }
  } catch (const std::exception& e) {
    std::cerr << "bench_conformance_sink_server: " << e.what() << '\n';
    return 2;
  }
  return 0;
}
