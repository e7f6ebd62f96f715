#include "modchain/state_db/fork_choice.hpp"

#include <algorithm>
#include <numeric>

#include "modchain/state_db/state_db.hpp"

namespace modchain::state_db::detail {

bool pob_priority(const BlockInfo& a, const BlockInfo& b) {
  if (a.height != b.height) return a.height > b.height;
  if (a.timestamp != b.timestamp) return a.timestamp < b.timestamp;
  return a.id < b.id;
}

ForkChoice choose_head(ForkResolution resolution, const std::vector<BlockInfo>& forks, const BlockInfo& head,
                       const BlockInfo& head_parent, const BlockInfo& new_block) {
  using Kind = ForkChoice::Kind;
  auto earlier_wins = [&] { return ForkChoice{new_block.timestamp < head.timestamp ? Kind::new_block : Kind::keep_head}; };
  switch (resolution) {
    case ForkResolution::fifo:
      return {Kind::keep_head};
    case ForkResolution::block_time:
      return earlier_wins();
    case ForkResolution::pob:
      break;
  }
  if (head.signer != new_block.signer) return earlier_wins();
  // Double production: drop the head from the candidates; the best remaining fork head wins unless the
  // head's parent ranks before it, in which case the head moves back to its parent.
  std::vector<size_t> candidates;
  for (size_t i = 0; i < forks.size(); ++i) {
    if (forks[i].id != head.id) candidates.push_back(i);
  }
  if (candidates.empty()) return {Kind::head_parent};
  size_t best = *std::min_element(candidates.begin(), candidates.end(),
                                  [&](size_t a, size_t b) { return pob_priority(forks[a], forks[b]); });
  if (pob_priority(head_parent, forks[best])) return {Kind::head_parent};
  return {Kind::fork_head, best};
}

}  // namespace modchain::state_db::detail
