// The fakes of one scenario, in-process on their own loopback addresses (ports chosen by the
// kernel): PKI, authoritative DNS (signed as the scenario says), the MX hosts, the MTA-STS
// policy host, STARTTLS-stripping attackers, and the report sink with its SMTP front door.
// apply() brings them to a WorldState; everything else is what senders need to find them.
// Addresses come from the scenario id and keys from its seed, so a run's reports repeat byte for
// byte (docs/scenarios.md, "Same seed, same bytes").
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "fakemx/sink/sink.hpp"
#include "sim/runner/run_result.hpp"
#include "sim/runner/world_state.hpp"
#include "sim/scenario/model.hpp"

namespace tlsrpt::runner {

class World {
 public:
  World(const scenario::Scenario& s, const std::filesystem::path& work_dir);
  ~World();
  World(const World&) = delete;
  World& operator=(const World&) = delete;

  void apply(const WorldState& state, UnixTime at);

  std::string dns_address() const;
  std::uint16_t dns_port() const;
  std::vector<std::string> trust_anchors() const;  // DS lines of the signed zones
  std::string ca_file() const;                     // the run's public root (PEM file)
  std::uint16_t smtp_port_for(const std::string& ip) const;
  std::uint16_t https_port_for(const std::string& ip) const;
  std::string sender_address(std::size_t index) const;
  std::string sender_domain(std::size_t index) const;     // "<org slug>.sender.test"
  std::string dkim_private_key(std::size_t index) const;  // PEM; its public half is in the DNS
  fakemx::sink::Sink& sink();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tlsrpt::runner
