#pragma once
/// Internal: the fork comparators of §6.4, on BlockInfo only (no protobuf headers).

#include <optional>
#include <vector>

#include "modchain/state_db/block_info.hpp"

namespace modchain::state_db {
enum class ForkResolution;
}  // namespace modchain::state_db

namespace modchain::state_db::detail {

/// The pob priority order: height desc, then timestamp asc, then id asc (bytewise). True if `a` ranks
/// before `b`.
bool pob_priority(const BlockInfo& a, const BlockInfo& b);

/// Outcome of comparing a newly finalized block with the current head at the same height.
struct ForkChoice {
  enum class Kind { keep_head, new_block, fork_head, head_parent } kind = Kind::keep_head;
  size_t fork_index = 0;  ///< for fork_head: index into the `forks` argument
};

/// Applies the comparator. `forks` are the fork heads before the new block joins them; `head_parent` is
/// the current head's parent (pob double production falls back to it).
ForkChoice choose_head(ForkResolution resolution, const std::vector<BlockInfo>& forks, const BlockInfo& head,
                       const BlockInfo& head_parent, const BlockInfo& new_block);

}  // namespace modchain::state_db::detail
