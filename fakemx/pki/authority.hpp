// The PKI of one run: a public root that simulated senders trust as "WebPKI", an intermediate that
// issues ordinary leaf certificates, and a rogue root nobody trusts. Leaf certificates of every
// profile (profile.hpp) are minted on demand; all times are explicit inputs (the virtual clock).
//
//   auto pki = Authority::create(clock.now());
//   Credential mx2 = pki.mint({.host = "mx2.example.test", .profile = Profile::expiring_at,
//                              .now = clock.now(), .not_after = t_14h});
//   pki.write_trust_anchor(dir / "ca.pem");  // what clients must trust
//   mx2.write(dir, "mx2");                    // mx2.crt (leaf + chain), mx2.key (0600)
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/util/virtual_clock.hpp"
#include "fakemx/pki/openssl_ptr.hpp"
#include "fakemx/pki/profile.hpp"

namespace tlsrpt::fakemx::pki {

struct LeafRequest {
  std::string host;                   // the name a sender checks (SAN / CN)
  Profile profile = Profile::valid;
  KeyType key = KeyType::ecdsa_p256;  // weak_key overrides this with RSA-1024
  UnixSeconds now = 0;                // the minting instant; validity windows are relative to it
  std::optional<UnixSeconds> not_before;  // explicit overrides of the profile's window
  std::optional<UnixSeconds> not_after;   // required for Profile::expiring_at
  std::string wrong_name = "wrong-host.invalid";  // the SAN of Profile::wrong_name
};

// A leaf certificate, its private key and the chain a server presents after it.
struct Credential {
  Profile profile = Profile::valid;
  std::string host;
  X509Ptr leaf;
  PKeyPtr key;
  std::vector<X509Ptr> chain;  // served after the leaf, issuer first; may be empty

  std::string leaf_pem() const;
  std::string key_pem() const;
  std::string chain_pem() const;  // leaf followed by the chain: what a server sends

  // The certificate a DANE-TA (usage 2) record names: the top of the served chain, or the leaf
  // itself when nothing else is served (self-signed, missing intermediate).
  const X509* trust_anchor() const;

  struct Files {
    std::filesystem::path cert_chain;  // <name>.crt: leaf + chain
    std::filesystem::path key;         // <name>.key: mode 0600
  };
  Files write(const std::filesystem::path& dir, const std::string& name) const;
};

class Authority {
 public:
  // Mints the roots and the intermediate, valid from ten years before `now` to twenty years after.
  static Authority create(UnixSeconds now, KeyType ca_key = KeyType::ecdsa_p256);

  // The same, but every key and serial number (roots, intermediate, each leaf) follows from
  // `seed` (seeded_key.hpp), so a run repeats its TLSA hashes exactly. With an RSA `ca_key` the
  // certificates are byte-identical too: RSA PKCS#1 v1.5 signatures are deterministic, while
  // OpenSSL 3.0's ECDSA signatures are not (self-signed ECDSA leaves still differ in their
  // signature bytes). The n-th mint of an identical request gets its own key.
  static Authority create_seeded(UnixSeconds now, std::uint64_t seed, KeyType ca_key = KeyType::rsa2048);

  Credential mint(const LeafRequest& request) const;

  const X509* public_root() const { return public_root_.get(); }
  const X509* intermediate() const { return intermediate_.get(); }
  const X509* rogue_root() const { return rogue_root_.get(); }
  std::string public_root_pem() const;
  std::string rogue_root_pem() const;

  // Writes the public root (what senders and test clients trust), mode 0644.
  void write_trust_anchor(const std::filesystem::path& file) const;

 private:
  struct Seeded;
  Authority() = default;
  static Authority build(UnixSeconds now, KeyType ca_key, std::shared_ptr<Seeded> seeded);
  PKeyPtr new_key(KeyType type, const std::string& label) const;
  std::string new_serial(const std::string& label) const;

  std::shared_ptr<Seeded> seeded_;  // null: fresh random keys and serials
  PKeyPtr public_root_key_, intermediate_key_, rogue_root_key_;
  X509Ptr public_root_, intermediate_, rogue_root_;
};

// Writes `contents` to `file` with the given permission bits from the start (keys are never
// world-readable, not even briefly). Throws std::runtime_error on failure.
void write_file(const std::filesystem::path& file, const std::string& contents, unsigned mode);

}  // namespace tlsrpt::fakemx::pki
