// Malformed-report mutators: one file per mutation, each registered by a stable name with a one-line
// description and the verdict a strict receiver should reach. Composable: a chain applies each
// mutator to the bytes of its layer (JSON text, gzip member, RFC 5322 message) and records what
// every step did, so any output can be explained and reproduced from (seed, index, chain).
//
// Reuse (fuzzing, third-party parsers):
//   tlsrpt::Rng rng(seed);
//   auto m = tlsrpt::gen::mut::apply("duplicate-key", json_text, rng);   // m.bytes, m.description
//   for (const auto& info : tlsrpt::gen::mut::mutators()) ...             // the catalogue
// apply() never throws on odd input: a mutator that finds nothing to change returns the bytes
// unchanged with applied == false and says why.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/rng.hpp"

namespace tlsrpt::gen::mut {

enum class Layer { json, gzip, mime };
std::string_view to_string(Layer layer);

struct Mutation {
  std::string bytes;
  std::string description;  // one sentence: what was changed, where
  bool applied = true;
};

// `arg` is the text after '=' in "NAME=ARG" (e.g. "gzip-bomb=500"); empty when not given.
using MutateFn = Mutation (*)(std::string_view input, std::string_view arg, Rng& rng);

struct Mutator {
  std::string_view name;     // stable, never renamed: "missing-required-field"
  Layer layer;
  std::string_view summary;  // one line for --list-mutators
  // The verdict it should cause, machine-checkable: rule ids of core's validator separated by '|'
  // (any one, as an error under `--profile strict`), or "gzip:<status>" (gunzip_capped's status),
  // or "accept" (a robust receiver must still extract the same report).
  std::string_view expect;
  MutateFn fn;
};

// The catalogue in a stable order (JSON, then gzip, then MIME).
std::span<const Mutator> mutators();
const Mutator* find_mutator(std::string_view name);  // name without "=ARG"; nullptr if unknown

// Applies one mutator by "NAME" or "NAME=ARG". Throws std::invalid_argument for an unknown name.
Mutation apply(std::string_view name_and_arg, std::string_view bytes, Rng& rng);

struct ChainStep {
  std::string mutator;      // as given, with its argument
  std::string description;
  bool applied = true;
};

// Parses "a,b=3,c" into validated names; throws std::invalid_argument naming the unknown one.
std::vector<std::string> parse_chain(std::string_view comma_list);

// The names of `chain` whose layer is `layer`, in order.
std::vector<std::string> chain_for(const std::vector<std::string>& chain, Layer layer);

}  // namespace tlsrpt::gen::mut
