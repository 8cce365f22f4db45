// One conformance case as plain data: a stable id carrying the RFC 8460 section, the requirement
// it checks, its tier, what is sent, and the outcome the receiver must produce, with the allowed
// alternatives spelled out. The whole suite is the one table in catalogue.cpp.
#pragma once

#include <span>
#include <string_view>

namespace tlsrpt::conformance {

// MUST / SHOULD: the RFC's own keywords; INTEROP: real reporters send this, receivers must cope.
enum class Tier { must, should, interop };
std::string_view to_string(Tier tier);

enum class Channel { https, smtp, drop };
std::string_view to_string(Channel channel);

// How the bytes go out. `once` is the ordinary delivery; the others are the robustness and
// duplicate cases.
enum class Action {
  once,             // one delivery
  twice,            // the same bytes twice (duplicate report-id)
  truncate_json,    // the report's JSON cut in half (not valid JSON)
  oversized,        // a valid report padded with 24 MiB of whitespace
  gzip_bomb,        // a valid report followed by 128 MiB of whitespace, gzip multi-member (~128 KiB)
  slow_client,      // the POST body dribbled for a few seconds while another client probes
  drop_mid_body,    // Content-Length promised, half the body sent, connection closed
  concurrent_100,   // 100 different reports posted at once on 100 connections
};

// What is sent: a report made by the generators (personality, size, policy and failure mix,
// mutators), shaped by `action`.
struct Send {
  Channel channel = Channel::https;
  std::string_view personality = "strict-rfc";
  std::string_view size = "small";         // generators' size preset (failure details per policy)
  std::string_view policy = {};            // "sts" | "tlsa" | "no-policy-found" | "" (the usual mix)
  std::string_view result_type = {};       // every failure of this type; "" = the usual mix
  bool gzip = true;                        // https / drop: application/tlsrpt+gzip or +json
  std::string_view mutators = {};          // generators' mutator chain, "a,b=3"
  std::string_view content_type = {};      // https: overrides the natural Content-Type
  bool foreign_submitter = false;          // smtp: TLS-Report-Submitter unlike contact-info's domain
  int policies = 1;                        // > 1: the policies of that many generated reports in one (https)
  bool all_successful = false;             // no policy has failures (failure-details left out)
  Action action = Action::once;
};

// The receiver's answer at the transport: any subset of these.
enum Answer : unsigned {
  a2xx = 1,          // HTTP 2xx / SMTP 2yz after DATA (for a drop target: the file was written)
  a4xx = 2,          // HTTP 4xx / SMTP 4yz
  a5xx = 4,          // HTTP 5xx / SMTP 5yz
  closed = 8,        // the connection closed or reset without an answer
  any_answer = a2xx | a4xx | a5xx | closed,
};

// What the receiver must hold afterwards, as its oracle reports it.
enum class Hold {
  stored,      // accepted, exactly once, with the counts that were sent
  not_stored,  // not held as accepted data (refused, ignored or quarantined)
  intact,      // either not held, or held with exactly the counts that were sent
};
std::string_view to_string(Hold hold);

struct Expect {
  unsigned answers = a2xx;
  Hold hold = Hold::stored;
  int within_ms = 0;                 // answer deadline that matters ("quickly"); 0 = the usual timeout
  std::string_view alternatives = {};  // the allowed alternatives in words
};

struct Case {
  std::string_view id;           // stable, never renumbered: "8460-5.4-https-gzip-accepted"
  Tier tier;
  std::string_view requirement;  // the text it checks, quoted or paraphrased from the RFC
  Send send;
  Expect expect;
  std::string_view sends;        // one line: what is sent
};

std::span<const Case> catalogue();
const Case* find_case(std::string_view id);  // nullptr if unknown

// "2xx", "4xx or closed", ... for the outputs.
std::string answers_text(unsigned answers);

}  // namespace tlsrpt::conformance
