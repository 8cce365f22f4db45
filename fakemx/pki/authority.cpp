#include "fakemx/pki/authority.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <map>
#include <mutex>
#include <stdexcept>
#include <utility>

#include "fakemx/pki/cert_builder.hpp"
#include "fakemx/pki/seeded_key.hpp"

namespace tlsrpt::fakemx::pki {
namespace {

constexpr UnixSeconds kDay = 86400;
constexpr UnixSeconds kYear = 365 * kDay;

// The domain one label up ("mx1.example.test" -> "example.test"); the host itself if it has one label.
std::string parent_domain(const std::string& host) {
  const auto dot = host.find('.');
  return dot == std::string::npos ? host : host.substr(dot + 1);
}

struct Window {
  UnixSeconds not_before, not_after;
};

Window profile_window(const LeafRequest& r) {
  Window w{r.now - kDay, r.now + 90 * kDay};
  switch (r.profile) {
    case Profile::expired: w = {r.now - 100 * kDay, r.now - kDay}; break;
    case Profile::not_yet_valid: w = {r.now + kDay, r.now + 91 * kDay}; break;
    case Profile::expiring_at:
      if (!r.not_after) throw std::invalid_argument("profile expiring-at needs not_after");
      break;
    default: break;
  }
  if (r.not_before) w.not_before = *r.not_before;
  if (r.not_after) w.not_after = *r.not_after;
  if (w.not_after <= w.not_before) throw std::invalid_argument("certificate validity window is empty");
  return w;
}

}  // namespace

void write_file(const std::filesystem::path& file, const std::string& contents, unsigned mode) {
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, static_cast<mode_t>(mode));
  if (fd < 0) throw std::runtime_error("cannot create " + file.string() + ": " + std::strerror(errno));
  ::fchmod(fd, static_cast<mode_t>(mode));  // in case the file existed with looser bits
  std::size_t done = 0;
  while (done < contents.size()) {
    const ssize_t n = ::write(fd, contents.data() + done, contents.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int err = errno;
      ::close(fd);
      throw std::runtime_error("cannot write " + file.string() + ": " + std::strerror(err));
    }
    done += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0) throw std::runtime_error("cannot close " + file.string());
}

std::string Credential::leaf_pem() const { return to_pem(leaf.get()); }
std::string Credential::key_pem() const { return to_pem(key.get()); }

std::string Credential::chain_pem() const {
  std::string out = leaf_pem();
  for (const auto& c : chain) out += to_pem(c.get());
  return out;
}

const X509* Credential::trust_anchor() const { return chain.empty() ? leaf.get() : chain.back().get(); }

Credential::Files Credential::write(const std::filesystem::path& dir, const std::string& name) const {
  Files files{dir / (name + ".crt"), dir / (name + ".key")};
  write_file(files.cert_chain, chain_pem(), 0644);
  write_file(files.key, key_pem(), 0600);
  return files;
}

// The seed, and how often each label was used, so a repeated identical request gets a new key.
struct Authority::Seeded {
  std::uint64_t seed = 0;
  std::mutex mutex;
  std::map<std::string, unsigned> uses;

  std::string next_label(const std::string& label) {
    const std::lock_guard lock(mutex);
    return label + "|#" + std::to_string(uses[label]++);
  }
};

PKeyPtr Authority::new_key(KeyType type, const std::string& label) const {
  return seeded_ ? derive_key(type, seeded_->seed, "key|" + label) : generate_key(type);
}

std::string Authority::new_serial(const std::string& label) const {
  return seeded_ ? derive_bytes(seeded_->seed, "serial|" + label, 16) : std::string();
}

static CertSpec ca_spec(std::string cn, UnixSeconds from, UnixSeconds to, EVP_PKEY* key) {
  CertSpec spec;
  spec.common_name = std::move(cn);
  spec.is_ca = true;
  spec.not_before = from;
  spec.not_after = to;
  spec.subject_key = key;
  return spec;
}

Authority Authority::create(UnixSeconds now, KeyType ca_key) { return build(now, ca_key, nullptr); }

Authority Authority::create_seeded(UnixSeconds now, std::uint64_t seed, KeyType ca_key) {
  auto seeded = std::make_shared<Seeded>();
  seeded->seed = seed;
  return build(now, ca_key, std::move(seeded));
}

Authority Authority::build(UnixSeconds now, KeyType ca_key, std::shared_ptr<Seeded> seeded) {
  Authority a;
  a.seeded_ = std::move(seeded);
  const UnixSeconds from = now - 10 * kYear, to = now + 20 * kYear;
  a.public_root_key_ = a.new_key(ca_key, "public-root");
  CertSpec root = ca_spec("tlsrpt-lab Public Root CA", from, to, a.public_root_key_.get());
  root.serial = a.new_serial("public-root");
  a.public_root_ = build_certificate(root);

  a.intermediate_key_ = a.new_key(ca_key, "intermediate");
  CertSpec intermediate = ca_spec("tlsrpt-lab Issuing CA 1", from, to, a.intermediate_key_.get());
  intermediate.issuer = a.public_root_.get();
  intermediate.issuer_key = a.public_root_key_.get();
  intermediate.serial = a.new_serial("intermediate");
  a.intermediate_ = build_certificate(intermediate);

  a.rogue_root_key_ = a.new_key(ca_key, "rogue-root");
  CertSpec rogue = ca_spec("Rogue Root CA (untrusted)", from, to, a.rogue_root_key_.get());
  rogue.organization = "nobody trusts this";
  rogue.serial = a.new_serial("rogue-root");
  a.rogue_root_ = build_certificate(rogue);
  return a;
}

Credential Authority::mint(const LeafRequest& r) const {
  if (r.host.empty()) throw std::invalid_argument("a leaf certificate needs a host name");
  const Window w = profile_window(r);
  Credential c;
  c.profile = r.profile;
  c.host = r.host;
  const KeyType key_type = r.profile == Profile::weak_key ? KeyType::rsa1024 : r.key;
  const std::string label =
      seeded_ ? seeded_->next_label("leaf|" + r.host + "|" + std::string(profile_name(r.profile)) + "|" +
                                    std::string(key_type_name(key_type)) + "|" + std::to_string(w.not_before) + "|" +
                                    std::to_string(w.not_after))
              : std::string();
  c.key = new_key(key_type, label);

  CertSpec spec;
  spec.common_name = r.host;
  spec.dns_names = {r.host};
  spec.not_before = w.not_before;
  spec.not_after = w.not_after;
  spec.subject_key = c.key.get();
  spec.issuer = intermediate_.get();
  spec.issuer_key = intermediate_key_.get();
  spec.serial = new_serial(label);
  bool serve_intermediate = true;
  switch (r.profile) {
    case Profile::wrong_name:
      spec.common_name = r.wrong_name;
      spec.dns_names = {r.wrong_name};
      break;
    case Profile::cn_only: spec.dns_names.clear(); break;
    case Profile::wildcard:
      spec.common_name = "*." + parent_domain(r.host);
      spec.dns_names = {spec.common_name};
      break;
    case Profile::self_signed:
      spec.issuer = nullptr;
      spec.issuer_key = nullptr;
      serve_intermediate = false;
      break;
    case Profile::rogue_root:
      spec.issuer = rogue_root_.get();
      spec.issuer_key = rogue_root_key_.get();
      serve_intermediate = false;
      c.chain.push_back(share(rogue_root_.get()));
      break;
    case Profile::missing_intermediate: serve_intermediate = false; break;
    case Profile::sha1_signature: spec.sha1 = true; break;
    default: break;
  }
  c.leaf = build_certificate(spec);
  if (serve_intermediate) c.chain.push_back(share(intermediate_.get()));
  return c;
}

std::string Authority::public_root_pem() const { return to_pem(public_root_.get()); }
std::string Authority::rogue_root_pem() const { return to_pem(rogue_root_.get()); }

void Authority::write_trust_anchor(const std::filesystem::path& file) const {
  write_file(file, public_root_pem(), 0644);
}

}  // namespace tlsrpt::fakemx::pki
