// Keys and certificates from a seed: what makes a run's TLSA hashes (and DKIM signatures) repeat.
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <algorithm>

#include "fakemx/pki/authority.hpp"
#include "fakemx/pki/seeded_key.hpp"

namespace {

namespace pki = tlsrpt::fakemx::pki;

constexpr tlsrpt::UnixSeconds kNow = 1772323200;  // 2026-03-01T00:00:00Z

std::string public_der(EVP_PKEY* key) {
  const int len = i2d_PUBKEY(key, nullptr);
  std::string der(static_cast<std::size_t>(std::max(len, 0)), '\0');
  auto* p = reinterpret_cast<unsigned char*>(der.data());
  i2d_PUBKEY(key, &p);
  return der;
}

// OpenSSL's own consistency check of the private half (RSA: p*q = n, d*e = 1, CRT values; EC:
// the point is the scalar times the generator).
bool key_checks_out(EVP_PKEY* key) {
  EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr);
  const bool ok = ctx && EVP_PKEY_check(ctx) == 1;
  EVP_PKEY_CTX_free(ctx);
  return ok;
}

TEST(SeededKeys, BytesFollowSeedAndLabel) {
  EXPECT_EQ(pki::derive_bytes(7, "a", 100), pki::derive_bytes(7, "a", 100));
  EXPECT_EQ(pki::derive_bytes(7, "a", 100).size(), 100u);
  EXPECT_NE(pki::derive_bytes(7, "a", 32), pki::derive_bytes(8, "a", 32));
  EXPECT_NE(pki::derive_bytes(7, "a", 32), pki::derive_bytes(7, "b", 32));
  EXPECT_EQ(pki::derive_bytes(7, "a", 40).substr(0, 20), pki::derive_bytes(7, "a", 20));
}

TEST(SeededKeys, EcP256KeysRepeatAndWork) {
  auto a = pki::derive_key(pki::KeyType::ecdsa_p256, 7, "leaf|mx1");
  auto b = pki::derive_key(pki::KeyType::ecdsa_p256, 7, "leaf|mx1");
  auto c = pki::derive_key(pki::KeyType::ecdsa_p256, 7, "leaf|mx2");
  ASSERT_TRUE(a && b && c);
  EXPECT_TRUE(EVP_PKEY_is_a(a.get(), "EC"));
  EXPECT_EQ(EVP_PKEY_get_bits(a.get()), 256);
  EXPECT_EQ(public_der(a.get()), public_der(b.get()));
  EXPECT_EQ(pki::to_pem(a.get()), pki::to_pem(b.get()));
  EXPECT_NE(public_der(a.get()), public_der(c.get()));
  EXPECT_TRUE(key_checks_out(a.get()));
}

TEST(SeededKeys, RsaKeysRepeatAndAreConsistent) {
  auto a = pki::derive_key(pki::KeyType::rsa1024, 7, "dkim|x");
  auto b = pki::derive_key(pki::KeyType::rsa1024, 7, "dkim|x");
  auto c = pki::derive_key(pki::KeyType::rsa1024, 8, "dkim|x");
  ASSERT_TRUE(a && b && c);
  EXPECT_TRUE(EVP_PKEY_is_a(a.get(), "RSA"));
  EXPECT_EQ(EVP_PKEY_get_bits(a.get()), 1024);
  EXPECT_EQ(pki::to_pem(a.get()), pki::to_pem(b.get()));
  EXPECT_NE(public_der(a.get()), public_der(c.get()));
  EXPECT_TRUE(key_checks_out(a.get()));
  EXPECT_TRUE(key_checks_out(c.get()));
}

TEST(SeededAuthority, SameSeedGivesTheSameCertificatesByteForByte) {
  auto one = pki::Authority::create_seeded(kNow, 11);
  auto two = pki::Authority::create_seeded(kNow, 11);
  EXPECT_EQ(one.public_root_pem(), two.public_root_pem());
  EXPECT_EQ(one.rogue_root_pem(), two.rogue_root_pem());
  pki::LeafRequest request;
  request.host = "mx1.example.test";
  request.now = kNow;
  const auto leaf_one = one.mint(request), leaf_two = two.mint(request);
  EXPECT_EQ(leaf_one.chain_pem(), leaf_two.chain_pem());  // RSA CA: deterministic signatures
  EXPECT_EQ(leaf_one.key_pem(), leaf_two.key_pem());

  // The same request again (a certificate replaced by an identical one) gets a new key.
  const auto again = one.mint(request);
  EXPECT_NE(again.key_pem(), leaf_one.key_pem());
  EXPECT_NE(again.leaf_pem(), leaf_one.leaf_pem());

  auto other = pki::Authority::create_seeded(kNow, 12);
  EXPECT_NE(other.public_root_pem(), one.public_root_pem());
  EXPECT_NE(other.mint(request).key_pem(), leaf_one.key_pem());
}

TEST(SeededAuthority, SeededLeavesVerifyAgainstTheirRoot) {
  auto authority = pki::Authority::create_seeded(kNow, 3);
  pki::LeafRequest request;
  request.host = "mx.example.test";
  request.now = kNow;
  const auto leaf = authority.mint(request);
  X509_STORE* store = X509_STORE_new();
  X509_STORE_add_cert(store, const_cast<X509*>(authority.public_root()));
  STACK_OF(X509)* chain = sk_X509_new_null();
  for (const auto& c : leaf.chain) sk_X509_push(chain, c.get());
  X509_STORE_CTX* ctx = X509_STORE_CTX_new();
  X509_STORE_CTX_init(ctx, store, leaf.leaf.get(), chain);
  X509_VERIFY_PARAM_set_time(X509_STORE_CTX_get0_param(ctx), static_cast<time_t>(kNow));
  EXPECT_EQ(X509_verify_cert(ctx), 1) << X509_verify_cert_error_string(X509_STORE_CTX_get_error(ctx));
  X509_STORE_CTX_free(ctx);
  sk_X509_free(chain);
  X509_STORE_free(store);
}

}  // namespace
