#include "fakemx/pki/seeded_key.hpp"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/obj_mac.h>
#include <openssl/param_build.h>
#include <openssl/rsa.h>
#include <openssl/sha.h>

#include <map>
#include <mutex>
#include <vector>

namespace tlsrpt::fakemx::pki {
namespace {

// unique_ptr deleter calling OpenSSL's free function for that type.
template <auto free_fn>
struct FreeWith {
  template <class T>
  void operator()(T* p) const { free_fn(p); }
};
using Bn = std::unique_ptr<BIGNUM, FreeWith<BN_clear_free>>;

Bn new_bn() {
  Bn b(BN_new());
  check(b != nullptr, "BN_new");
  return b;
}

Bn bn_from(const std::string& bytes) {
  Bn b(BN_bin2bn(reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()), nullptr));
  check(b != nullptr, "BN_bin2bn");
  return b;
}

// Builds the key from its parameters, as key generation would have.
PKeyPtr key_from_params(const char* algorithm, OSSL_PARAM_BLD* bld) {
  std::unique_ptr<OSSL_PARAM, FreeWith<OSSL_PARAM_free>> params(OSSL_PARAM_BLD_to_param(bld));
  check(params != nullptr, "OSSL_PARAM_BLD_to_param");
  std::unique_ptr<EVP_PKEY_CTX, FreeWith<EVP_PKEY_CTX_free>> ctx(
      EVP_PKEY_CTX_new_from_name(nullptr, algorithm, nullptr));
  check(ctx != nullptr && EVP_PKEY_fromdata_init(ctx.get()) == 1, "EVP_PKEY_fromdata_init");
  EVP_PKEY* key = nullptr;
  check(EVP_PKEY_fromdata(ctx.get(), &key, EVP_PKEY_KEYPAIR, params.get()) == 1, "EVP_PKEY_fromdata");
  return PKeyPtr(key);
}

PKeyPtr derive_ec_p256(std::uint64_t seed, std::string_view label) {
  std::unique_ptr<BN_CTX, FreeWith<BN_CTX_free>> ctx(BN_CTX_new());
  std::unique_ptr<EC_GROUP, FreeWith<EC_GROUP_free>> group(EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1));
  check(ctx && group, "preparing P-256");
  // 48 bytes reduced mod (n - 1), plus 1: a scalar in [1, n) with negligible bias.
  Bn priv = bn_from(derive_bytes(seed, label, 48));
  Bn order_minus_one(BN_dup(EC_GROUP_get0_order(group.get())));
  check(order_minus_one && BN_sub_word(order_minus_one.get(), 1) == 1, "the group order");
  check(BN_mod(priv.get(), priv.get(), order_minus_one.get(), ctx.get()) == 1 && BN_add_word(priv.get(), 1) == 1,
        "reducing the private scalar");
  std::unique_ptr<EC_POINT, FreeWith<EC_POINT_free>> pub(EC_POINT_new(group.get()));
  check(pub && EC_POINT_mul(group.get(), pub.get(), priv.get(), nullptr, nullptr, ctx.get()) == 1,
        "computing the public point");
  unsigned char encoded[65];
  const std::size_t len = EC_POINT_point2oct(group.get(), pub.get(), POINT_CONVERSION_UNCOMPRESSED, encoded,
                                             sizeof encoded, ctx.get());
  check(len == sizeof encoded, "encoding the public point");

  std::unique_ptr<OSSL_PARAM_BLD, FreeWith<OSSL_PARAM_BLD_free>> bld(OSSL_PARAM_BLD_new());
  check(bld && OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, "P-256", 0) == 1 &&
            OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_PRIV_KEY, priv.get()) == 1 &&
            OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, encoded, len) == 1,
        "EC key parameters");
  return key_from_params("EC", bld.get());
}

// The first prime p >= a seeded odd start with its top two bits set (so that p*q has exactly
// twice the bits) and gcd(p - 1, e) = 1.
Bn seeded_prime(std::uint64_t seed, const std::string& label, int bits, const BIGNUM* e, BN_CTX* ctx) {
  Bn p = bn_from(derive_bytes(seed, label, static_cast<std::size_t>(bits) / 8));
  check(BN_set_bit(p.get(), bits - 1) == 1 && BN_set_bit(p.get(), bits - 2) == 1 && BN_set_bit(p.get(), 0) == 1,
        "shaping a prime candidate");
  Bn p_minus_one = new_bn(), gcd = new_bn();
  for (;;) {
    const int prime = BN_check_prime(p.get(), ctx, nullptr);
    check(prime >= 0, "BN_check_prime");
    if (prime == 1) {
      check(BN_sub(p_minus_one.get(), p.get(), BN_value_one()) == 1 &&
                BN_gcd(gcd.get(), p_minus_one.get(), e, ctx) == 1,
            "gcd(p - 1, e)");
      if (BN_is_one(gcd.get())) return p;
    }
    check(BN_add_word(p.get(), 2) == 1, "the next prime candidate");
  }
}

PKeyPtr derive_rsa(int bits, std::uint64_t seed, std::string_view label) {
  std::unique_ptr<BN_CTX, FreeWith<BN_CTX_free>> ctx(BN_CTX_new());
  check(ctx != nullptr, "BN_CTX_new");
  Bn e = new_bn();
  check(BN_set_word(e.get(), RSA_F4) == 1, "e = 65537");
  const std::string base(label);
  Bn p = seeded_prime(seed, base + "|p", bits / 2, e.get(), ctx.get());
  Bn q = seeded_prime(seed, base + "|q", bits / 2, e.get(), ctx.get());
  check(BN_cmp(p.get(), q.get()) != 0, "two distinct primes");

  Bn n = new_bn(), p1 = new_bn(), q1 = new_bn(), phi = new_bn(), d = new_bn(), dmp1 = new_bn(), dmq1 = new_bn(),
     iqmp = new_bn();
  check(BN_mul(n.get(), p.get(), q.get(), ctx.get()) == 1 && BN_sub(p1.get(), p.get(), BN_value_one()) == 1 &&
            BN_sub(q1.get(), q.get(), BN_value_one()) == 1 && BN_mul(phi.get(), p1.get(), q1.get(), ctx.get()) == 1 &&
            BN_mod_inverse(d.get(), e.get(), phi.get(), ctx.get()) != nullptr &&
            BN_mod(dmp1.get(), d.get(), p1.get(), ctx.get()) == 1 &&
            BN_mod(dmq1.get(), d.get(), q1.get(), ctx.get()) == 1 &&
            BN_mod_inverse(iqmp.get(), q.get(), p.get(), ctx.get()) != nullptr,
        "RSA key arithmetic");

  std::unique_ptr<OSSL_PARAM_BLD, FreeWith<OSSL_PARAM_BLD_free>> bld(OSSL_PARAM_BLD_new());
  check(bld && OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, n.get()) == 1 &&
            OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, e.get()) == 1 &&
            OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_D, d.get()) == 1 &&
            OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_FACTOR1, p.get()) == 1 &&
            OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_FACTOR2, q.get()) == 1 &&
            OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_EXPONENT1, dmp1.get()) == 1 &&
            OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_EXPONENT2, dmq1.get()) == 1 &&
            OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_COEFFICIENT1, iqmp.get()) == 1,
        "RSA key parameters");
  return key_from_params("RSA", bld.get());
}

// RSA keys by (bits, seed, label); shared references handed out (EVP_PKEY is reference counted
// and read-only once built).
PKeyPtr cached_rsa(int bits, std::uint64_t seed, std::string_view label) {
  static std::mutex mutex;
  // Never destroyed: freeing keys after OpenSSL's own atexit clean-up would touch freed memory.
  static auto& cache = *new std::map<std::string, PKeyPtr>;
  const std::string key = std::to_string(bits) + "|" + std::to_string(seed) + "|" + std::string(label);
  {
    const std::lock_guard lock(mutex);
    if (const auto it = cache.find(key); it != cache.end()) return share(it->second.get());
  }
  PKeyPtr derived = derive_rsa(bits, seed, label);  // outside the lock: other labels need not wait
  const std::lock_guard lock(mutex);
  const auto it = cache.try_emplace(key, std::move(derived)).first;
  return share(it->second.get());
}

}  // namespace

std::string derive_bytes(std::uint64_t seed, std::string_view label, std::size_t n) {
  std::string out;
  out.reserve(n + SHA256_DIGEST_LENGTH);
  for (std::uint32_t block = 0; out.size() < n; ++block) {
    std::string input;
    for (int i = 0; i < 8; ++i) input += static_cast<char>((seed >> (8 * i)) & 0xff);
    for (int i = 0; i < 4; ++i) input += static_cast<char>((block >> (8 * i)) & 0xff);
    input += label;
    unsigned char digest[SHA256_DIGEST_LENGTH];
    check(EVP_Digest(input.data(), input.size(), digest, nullptr, EVP_sha256(), nullptr) == 1, "SHA-256");
    out.append(reinterpret_cast<const char*>(digest), sizeof digest);
  }
  out.resize(n);
  return out;
}

PKeyPtr derive_key(KeyType type, std::uint64_t seed, std::string_view label) {
  switch (type) {
    case KeyType::ecdsa_p256: return derive_ec_p256(seed, label);
    case KeyType::rsa2048: return cached_rsa(2048, seed, label);
    case KeyType::rsa1024: return cached_rsa(1024, seed, label);
  }
  throw std::invalid_argument("unknown key type");
}

}  // namespace tlsrpt::fakemx::pki
