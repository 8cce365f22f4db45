// Shared by the fakedns tests: a server on its own random loopback address serving example.test,
// and thin wrappers that run real clients (dig, kdig, drill) against it.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "fakedns/server.hpp"
#include "tests/support/run_process.hpp"

namespace tlsrpt::test {

// 127.x.y.z with random x, y, z (never 127.0.0.1), so parallel tests do not meet.
std::string random_loopback();

// The zone most tests serve: MX, A/AAAA, multi-string TXT, TLSA, a CNAME chain, a big TXT RRset
// that does not fit 512 bytes, and an empty non-terminal (_tcp.mx1).
fakedns::Zone example_zone();

std::unique_ptr<fakedns::Server> start_server(const fakedns::DnssecOptions& dnssec = {},
                                              fakedns::ServerOptions options = {});

// `dig @address -p port args...` with short timeouts; the test fails on a dig error exit other than
// 9 (no reply), which the drop tests expect.
ProcessResult dig(const fakedns::Server& server, const std::vector<std::string>& args);
ProcessResult kdig(const fakedns::Server& server, const std::vector<std::string>& args);

// The "status: X" of a dig/kdig reply ("NOERROR"), and whether the flags line has `flag`.
std::string dig_status(const std::string& out);
bool dig_flag(const std::string& out, const std::string& flag);
// Answer-section lines ("+noall +answer"), whitespace collapsed to single spaces.
std::vector<std::string> lines(const std::string& out);

}  // namespace tlsrpt::test
