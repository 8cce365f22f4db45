// The generation-profile flags shared by `generate` and `load`: a YAML profile plus overrides.
#pragma once

#include <memory>
#include <string>

#include "generators/output/factory.hpp"
#include "generators/profile/profile.hpp"

namespace CLI {
class App;
}

namespace tlsrpt::gen {

struct ProfileFlags {
  std::string file;  // YAML profile
  std::optional<std::uint64_t> seed, count;
  std::string personalities;  // "google,postfix"
  std::string domains;        // "a.example,b.example"
  std::optional<int> domain_count, days;
  std::string start, size, policy_mix, failure_mix, ips;
  std::optional<double> failing_share;

  GenerationProfile build() const;  // throws std::invalid_argument
};

void add_profile_flags(CLI::App& app, ProfileFlags& flags);

struct DkimFlags {
  std::string key;                  // PEM RSA key; empty = a key made for this run
  std::string selector = "tlsrpt";
  std::string records;              // write "<selector>._domainkey.<domain> <record>" lines here
  bool none = false;                // leave messages unsigned
};
void add_dkim_flags(CLI::App& app, DkimFlags& flags);

// The DKIM signer for e-mail formats (nullptr for the others or with --no-dkim). Writes the key
// records for every reporter's signing domain in `profile` when flags.records is set.
std::unique_ptr<MessageSigner> make_signer(Format format, const DkimFlags& flags, const GenerationProfile& profile);

}  // namespace tlsrpt::gen
