// The readers of peer output, on the words the peers really print (captured from openssl 3.0,
// Postfix 3.7 and dig 9.18 against the fakes): each maps to one result type, and anything it does
// not recognise is "unclassified" rather than a guess.
#include "tests/peers/peer_verdict.hpp"

#include <gtest/gtest.h>

namespace tlsrpt::test::peers {
namespace {

ProcessResult output(std::string out, int exit_code = 0) {
  ProcessResult r;
  r.out = std::move(out);
  r.exit_code = exit_code;
  return r;
}

TEST(PeerVerdict, OpensslVerifyErrorsMapToResultTypes) {
  EXPECT_EQ(openssl_verdict(output("depth=0 CN = mx\nverify error:num=10:certificate has expired\n", 1)).result,
            "certificate-expired");
  EXPECT_EQ(openssl_verdict(output("verify error:num=62:hostname mismatch\n", 1)).result,
            "certificate-host-mismatch");
  EXPECT_EQ(openssl_verdict(output("verify error:num=20:unable to get local issuer certificate\n", 1)).result,
            "certificate-not-trusted");
  EXPECT_EQ(openssl_verdict(output("verify error:num=65:no matching DANE TLSA records\n", 1)).result,
            "validation-failure");
  const Verdict v = openssl_verdict(output("verify error:num=9:certificate is not yet valid\r\n", 1));
  EXPECT_EQ(v.result, "validation-failure");
  EXPECT_EQ(v.raw, "verify error:num=9:certificate is not yet valid");
  EXPECT_EQ(result_for_openssl_error(12345), kUnclassified);
}

TEST(PeerVerdict, OpensslWithoutTlsIsStarttlsNotSupported) {
  ProcessResult not_offered = output("CONNECTED(00000003)\n---\nno peer certificate available\n", 1);
  not_offered.err = "Didn't find STARTTLS in server response, trying anyway...\nssl3_get_record:wrong version number\n";
  EXPECT_EQ(openssl_verdict(not_offered).result, "starttls-not-supported");
  EXPECT_NE(openssl_verdict(not_offered).raw.find("Didn't find STARTTLS"), std::string::npos);
  ProcessResult refused = output("CONNECTED(00000003)\n---\nno peer certificate available\n", 1);
  refused.err = "error:0A00010B:SSL routines:ssl3_get_record:wrong version number\n";
  EXPECT_EQ(openssl_verdict(refused).result, "starttls-not-supported");
}

TEST(PeerVerdict, OpensslSuccessNeedsExitZeroAndVerifyOk) {
  EXPECT_EQ(openssl_verdict(output("Verification: OK\nVerify return code: 0 (ok)\n", 0)).result, kSuccess);
  EXPECT_EQ(openssl_verdict(output("Verify return code: 0 (ok)\n", 1)).result, kUnclassified);
  EXPECT_EQ(openssl_verdict(output("", 1)).result, kUnclassified);
}

TEST(PeerVerdict, PosttlsFingerLinesMapToResultTypes) {
  EXPECT_EQ(posttls_finger_verdict(output("posttls-finger: Verified TLS connection established to mx[1]:25\n")).result,
            kSuccess);
  EXPECT_EQ(posttls_finger_verdict(output("posttls-finger: server certificate verification failed for x: certificate "
                                          "not yet valid\nposttls-finger: Untrusted TLS connection established\n"))
                .result,
            "validation-failure");
  EXPECT_EQ(posttls_finger_verdict(output("posttls-finger: server certificate verification failed for x: certificate "
                                          "has expired\n"))
                .result,
            "certificate-expired");
  EXPECT_EQ(posttls_finger_verdict(output("posttls-finger: server certificate verification failed for x: untrusted "
                                          "issuer /CN=Rogue\n"))
                .result,
            "certificate-not-trusted");
  EXPECT_EQ(posttls_finger_verdict(output("server certificate verification failed for x: num=62:hostname mismatch\n"))
                .result,
            "certificate-host-mismatch");
  EXPECT_EQ(posttls_finger_verdict(output("server certificate verification failed for x: num=65:no matching DANE "
                                          "TLSA records\nUntrusted TLS connection established\n"))
                .result,
            "validation-failure");
  EXPECT_EQ(posttls_finger_verdict(output("posttls-finger: Trusted TLS connection established to x\n")).result,
            "certificate-host-mismatch");
}

TEST(PeerVerdict, PosttlsFingerWithoutTlsOrTlsa) {
  EXPECT_EQ(posttls_finger_verdict(output("posttls-finger: STARTTLS rejected: 454 4.7.0 TLS not available\n")).result,
            "starttls-not-supported");
  EXPECT_EQ(posttls_finger_verdict(output("< 250-PIPELINING\n< 250 ENHANCEDSTATUSCODES\n> QUIT\n< 221 Bye\n")).result,
            "starttls-not-supported");
  EXPECT_EQ(posttls_finger_verdict(output("< 250-STARTTLS\n> QUIT\n")).result, kUnclassified);
  EXPECT_EQ(posttls_finger_verdict(output("Failed to establish session to [r0.example.test] via mx0.example.test: "
                                          "TLSA lookup error for mx0.example.test:25\n"))
                .result,
            "dnssec-invalid");
}

TEST(PeerVerdict, DigThroughAValidatingResolver) {
  EXPECT_EQ(dig_tlsa_verdict(output(";; ->>HEADER<<- opcode: QUERY, status: SERVFAIL, id: 1\n;; flags: qr rd ra;\n"))
                .result,
            "dnssec-invalid");
  EXPECT_EQ(dig_tlsa_verdict(output(";; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 1\n;; flags: qr rd ra ad; "
                                    "QUERY: 1\n"))
                .result,
            kSuccess);
  // An answer the resolver did not validate is not good enough for DANE.
  EXPECT_EQ(dig_tlsa_verdict(output(";; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 1\n;; flags: qr rd ra; "
                                    "QUERY: 1\n"))
                .result,
            kUnclassified);
}

}  // namespace
}  // namespace tlsrpt::test::peers
