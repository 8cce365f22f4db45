// The bookkeeping of the report walk in parse.cpp, apart from the JSON it walks: the path to the
// value being read, findings made at that path, and first-occurrence tracking of member names.
// JSON pointers are assembled from the path only when a finding is made, so the happy path builds
// no strings.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>

#include "core/json/codec.hpp"
#include "core/json/rules.hpp"

namespace tlsrpt::json_walk {

constexpr std::size_t kMaxDepth = 64;  // a report needs 5; vendor extensions get room
constexpr std::int64_t kMaxSafeInteger = (std::int64_t{1} << 53) - 1;

class WalkPath {
  struct Segment {  // trivial, so the path array is not initialised per report (it showed in profiles)
    const char* key_data;
    std::size_t key_size;
    std::string_view key() const { return {key_data, key_size}; }
    std::size_t index;
    bool is_index;
  };

 public:
  WalkPath(Profile profile, Findings& out) : profile_(profile), out_(out) {}

  // Pointers flagged during the walk; the validator stays quiet at and below them.
  const std::unordered_set<std::string>& reported() const { return reported_; }

  std::size_t depth() const { return depth_; }

  // RAII path step.
  class Step {
   public:
    // Field by field: a braced temporary copied in made GCC stall on store forwarding (profiled).
    Step(WalkPath& w, std::string_view key) : w_(w) { set(w_.path_[w_.depth_++], key, 0, false); }
    Step(WalkPath& w, std::size_t index) : w_(w) { set(w_.path_[w_.depth_++], {}, index, true); }
    ~Step() { --w_.depth_; }
    Step(const Step&) = delete;
    Step& operator=(const Step&) = delete;

   private:
    static void set(Segment& s, std::string_view key, std::size_t index, bool is_index) {
      s.key_data = key.data();
      s.key_size = key.size();
      s.index = index;
      s.is_index = is_index;
    }
    WalkPath& w_;
  };

  void add(Rule rule, std::string message);
  void missing(std::string_view name);
  void wrong_type(std::string_view name, std::string_view type_text, std::string_view wanted);
  void integer_beyond_range(std::string_view integer_text);
  // The member name at the current path step, or "element N" inside an array.
  std::string current_name() const;
  // The member name at the current path step ("" inside an array).
  std::string_view current_key() const { return path_[depth_ - 1].key(); }

 private:
  std::string pointer() const;

  Profile profile_;
  Findings& out_;
  std::array<Segment, kMaxDepth + 4> path_;  // only path_[0, depth_) is meaningful
  std::size_t depth_ = 0;
  std::unordered_set<std::string> reported_;
};

// Whether a member name is `name`: in 8- or 4-byte words, the last one overlapping, inline (a
// memcmp call per member showed in profiles).
inline bool same_name(std::string_view key, std::string_view name) {
  const std::size_t n = key.size();
  if (n != name.size()) return false;
  const auto same = [&](std::size_t at, auto word) {
    decltype(word) a, b;
    std::memcpy(&a, key.data() + at, sizeof a);
    std::memcpy(&b, name.data() + at, sizeof b);
    return a == b;
  };
  if (n >= 8) {
    for (std::size_t i = 0; i + 8 < n; i += 8)
      if (!same(i, std::uint64_t{})) return false;
    return same(n - 8, std::uint64_t{});
  }
  if (n >= 4) return same(0, std::uint32_t{}) && same(n - 4, std::uint32_t{});
  for (std::size_t i = 0; i < n; ++i)
    if (key[i] != name[i]) return false;
  return true;
}

// The member names of one object of the template, in the order its reader numbers them, with a
// table from name length to candidates built at compile time: most names differ in length, so a
// lookup is usually one comparison.
template <std::size_t N>
class MemberNames {
  static_assert(N < 32, "MembersRead holds 32 bits");

 public:
  template <class... Names>
  consteval explicit MemberNames(Names... names) : names_{std::string_view(names)...} {
    first_.fill(N);
    next_.fill(N);
    for (std::size_t i = N; i-- > 0;) {  // backwards, so chains run in declaration order
      const std::size_t b = bucket(names_[i].size());
      next_[i] = first_[b];
      first_[b] = i;
    }
    for (std::size_t i = 0; i < N; ++i) {
      if (names_[i].size() + 3 > kQuotedSize) throw "a member name too long for its compact form";
      QuotedName& q = quoted_[i];
      q.size = names_[i].size() + 3;
      q.text[0] = '"';
      for (std::size_t k = 0; k < names_[i].size(); ++k) q.text[k + 1] = names_[i][k];
      q.text[q.size - 2] = '"';
      q.text[q.size - 1] = ':';
    }
  }

  std::string_view operator[](std::size_t i) const { return names_[i]; }

  // Member i's name as compact JSON writes it before the value: "name": with quotes and colon.
  std::string_view compact(std::size_t i) const { return {quoted_[i].text.data(), quoted_[i].size}; }

  // The index of `key`, or N when the template has no such member.
  std::size_t find(std::string_view key) const {
    std::size_t i = first_[bucket(key.size())];
    while (i < N && !same_name(key, names_[i])) i = next_[i];
    return i;
  }

 private:
  static constexpr std::size_t kBuckets = 32;  // the last one holds every longer name
  static constexpr std::size_t bucket(std::size_t size) { return size < kBuckets ? size : kBuckets - 1; }

  static constexpr std::size_t kQuotedSize = 40;
  struct QuotedName {
    std::array<char, kQuotedSize> text{};
    std::size_t size = 0;
  };

  std::array<std::string_view, N> names_;
  std::array<std::size_t, kBuckets> first_{};
  std::array<std::size_t, N> next_{};
  std::array<QuotedName, N> quoted_{};
};

// Which of an object's template members were read: bit i for MemberNames[i].
class MembersRead {
 public:
  bool has(std::size_t i) const { return bits_ >> i & 1u; }
  void set(std::size_t i) { bits_ |= 1u << i; }

 private:
  std::uint32_t bits_ = 0;
};

// Member names seen so far in one object: a short linear list, a hash set past 16 names.
class SeenKeys {
 public:
  // Whether `key` was seen before; records it if not. `key` must outlive this object.
  bool repeated(std::string_view key);

 private:
  static constexpr std::size_t kLinear = 16;
  struct Key {  // left uninitialised: zeroing the array per object showed in profiles
    const char* data;
    std::size_t size;
    std::string_view view() const { return {data, size}; }
  };
  Key seen_[kLinear];
  std::size_t n_ = 0;
  std::unique_ptr<std::unordered_set<std::string_view>> many_;
};

inline bool SeenKeys::repeated(std::string_view key) {
  if (many_) return !many_->insert(key).second;
  for (std::size_t i = 0; i < n_; ++i)
    if (seen_[i].view() == key) return true;
  if (n_ < kLinear) {
    seen_[n_++] = {key.data(), key.size()};
    return false;
  }
  many_ = std::make_unique<std::unordered_set<std::string_view>>();
  for (const Key& k : seen_) many_->insert(k.view());
  many_->insert(key);
  return false;
}

}  // namespace tlsrpt::json_walk
