#include "core/json/walk_path.hpp"

#include "core/json/pointer.hpp"

namespace tlsrpt::json_walk {

std::string WalkPath::pointer() const {
  std::string p;
  for (std::size_t i = 0; i < depth_; ++i) {
    if (path_[i].is_index)
      json_pointer::append(p, path_[i].index);
    else
      json_pointer::append(p, path_[i].key());
  }
  return p;
}

void WalkPath::add(Rule rule, std::string message) {
  if (rule_level(rule, profile_) == Level::off) return;
  std::string where = pointer();
  reported_.insert(where);
  add_finding(out_, profile_, rule, std::move(where), std::move(message));
}

void WalkPath::missing(std::string_view name) {
  Step s(*this, name);
  add(Rule::required_member, std::string(name) + " is missing.");
}

void WalkPath::wrong_type(std::string_view name, std::string_view type_text, std::string_view wanted) {
  add(Rule::member_type,
      std::string(name) + " is " + std::string(type_text) + ", not " + std::string(wanted) + ".");
}

void WalkPath::integer_beyond_range(std::string_view integer_text) {
  add(Rule::integer_range, "The integer " + std::string(integer_text) + " is beyond 2^53-1.");
}

std::string WalkPath::current_name() const {
  const Segment& s = path_[depth_ - 1];
  return s.is_index ? "element " + std::to_string(s.index) : std::string(s.key());
}

}  // namespace tlsrpt::json_walk
