// Shared plumbing for the JSON-level mutators: tolerant parse, compact dump, choosing a member,
// and splicing raw text that a JSON library cannot produce (duplicate keys, bad UTF-8, 2^53+1).
#pragma once

#include <nlohmann/json.hpp>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/rng.hpp"
#include "generators/mutators/mutator.hpp"

namespace tlsrpt::gen::mut {

using Json = nlohmann::ordered_json;
using Pointer = Json::json_pointer;

std::optional<Json> parse_json(std::string_view text);  // nullopt when not JSON (no exceptions)
std::string dump(const Json& j);                        // compact; invalid UTF-8 passed through

// Every member whose key is one of `keys`, anywhere in the document, in document order.
std::vector<Pointer> members_named(const Json& j, std::initializer_list<std::string_view> keys);
// One of them, chosen by `rng`; nullopt when there is none.
std::optional<Pointer> pick_member(const Json& j, std::initializer_list<std::string_view> keys, Rng& rng);

// A unique string value to put in the tree; after dump(), raw_splice() swaps it (quotes included)
// for `raw` text.
inline constexpr std::string_view kRawMarker = "@@tlsrpt-raw@@";
std::string raw_splice(std::string text, std::string_view raw);

// A failure-detail object to aim at: the first one, or one added to the first policy if none exists.
// nullopt when the document has no policies array to hold it.
std::optional<Pointer> ensure_detail(Json& j);

// The integer parameter of "NAME=ARG", or `fallback` when absent or not a number in [lo, hi].
long long int_arg(std::string_view arg, long long fallback, long long lo, long long hi);

Mutation unchanged(std::string_view input, std::string why);

// Deepest nesting a JSON mutator edits: walking and writing the tree recurse, and a document that
// deep-nesting made 100,000 levels deep would overflow the stack. parse_json refuses deeper input.
inline constexpr int kMaxEditDepth = 512;
bool nests_deeper_than(std::string_view text, int limit);

// Runs `edit` on the parsed document; a non-JSON or too deeply nested input comes back unchanged
// with a reason.
template <typename Edit>
Mutation edit_json(std::string_view input, Edit edit) {
  if (nests_deeper_than(input, kMaxEditDepth))
    return unchanged(input, "input nests deeper than " + std::to_string(kMaxEditDepth) + " levels; left as it is");
  auto doc = parse_json(input);
  if (!doc) return unchanged(input, "input is not JSON any more; nothing to edit");
  return edit(*doc);
}

}  // namespace tlsrpt::gen::mut
