#include "modchain/state_db/state_db.hpp"

#include <map>
#include <set>

#include "modchain/state_db/fork_choice.hpp"
#include "modchain/state_db/node_data.hpp"
#include "modchain/util/encoding.hpp"

namespace modchain::state_db {

using detail::NodeData;
using NodePtr = std::shared_ptr<NodeData>;

struct Database::Impl {
  std::unique_ptr<Backend> backend;
  ForkResolution resolution = ForkResolution::fifo;
  bool fresh = true;
  std::map<util::Bytes, NodePtr, detail::BytesLess> index;  // every block node incl. the root, by id
  std::map<util::Bytes, NodePtr, detail::BytesLess> fork_heads;
  NodePtr root;
  NodePtr head;

  NodePtr find(util::ByteView id) const {
    auto it = index.find(id);
    return it == index.end() ? nullptr : it->second;
  }

  static bool descends_from(const NodeData* node, const NodeData* ancestor) {
    for (; node != nullptr; node = node->parent.get()) {
      if (node == ancestor) return true;
    }
    return false;
  }

  util::Error missing(util::ByteView id) const {
    return util::make_error(util::ErrorCode::not_found, "no state node with id " + util::to_hex(id));
  }

  void select_head(const NodePtr& node);
  util::Status check_discardable(const NodePtr& node, std::vector<NodePtr>& subtree) const;
  void drop_non_descendants(const NodePtr& new_root);
};

Database::Database(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}

Database::~Database() {
  // Handles may outlive the database: mark every node dead so they fail instead of touching the backend.
  for (auto& [id, node] : m_impl->index) node->alive = false;
}

util::Result<std::unique_ptr<Database>> Database::open(const DatabaseOptions& options) {
  if (options.backend == BackendKind::memory) return open(make_memory_backend(), options.fork_resolution);
  auto backend = open_rocksdb_backend(options.rocksdb);
  if (!backend) return backend.error();
  return open(std::move(*backend), options.fork_resolution);
}

util::Result<std::unique_ptr<Database>> Database::open(std::unique_ptr<Backend> backend,
                                                       ForkResolution resolution) {
  auto meta = backend->load_meta();
  if (!meta) return meta.error();
  auto impl = std::make_unique<Impl>();
  auto root = std::make_shared<NodeData>();
  root->kind = detail::NodeKind::root;
  root->backend = backend.get();
  root->finalized = true;
  if (meta->has_value()) {
    const RootMeta& m = **meta;
    auto merkle = crypto::Multihash::from_bytes(m.merkle_root);
    if (!merkle) {
      return util::make_error(util::ErrorCode::unexpected_state, "state database " + backend->describe() +
                                                                     ": stored root merkle root is corrupt: " +
                                                                     merkle.error().message);
    }
    root->info = BlockInfo{m.id, m.revision, m.timestamp, m.signer};
    root->header = m.header;
    root->merkle_root = std::move(*merkle);
    impl->fresh = false;
  } else {
    root->info.id = crypto::zero_multihash().to_bytes();
    root->merkle_root = crypto::zero_multihash();
  }
  impl->backend = std::move(backend);
  impl->resolution = resolution;
  impl->index.emplace(root->info.id, root);
  impl->fork_heads.emplace(root->info.id, root);
  impl->root = root;
  impl->head = root;
  return std::unique_ptr<Database>(new Database(std::move(impl)));
}

bool Database::is_fresh() const { return m_impl->fresh; }

util::Status Database::apply_genesis(std::span<const GenesisEntry> entries) {
  if (!m_impl->fresh || m_impl->index.size() != 1) {
    return util::make_error(util::ErrorCode::block_state_error,
                            "genesis can only be applied to a fresh state database without block nodes");
  }
  std::set<util::Bytes, detail::BytesLess> seen;
  std::vector<BatchOp> ops;
  ops.reserve(entries.size());
  for (const auto& entry : entries) {
    util::Bytes key = serialize_database_key(entry.space, entry.key);
    auto existing = m_impl->backend->get(key);
    if (!existing) return existing.error();
    if (existing->has_value() || !seen.insert(key).second) {
      return util::make_error(util::ErrorCode::invalid_argument,
                              "genesis entry " + util::to_hex(key) + " already exists");
    }
    ops.push_back({std::move(key), entry.value});
  }
  const NodeData& root = *m_impl->root;
  RootMeta meta{root.info.id, root.info.height, root.merkle_root->to_bytes(), root.header, root.info.timestamp,
                root.info.signer};
  MODCHAIN_TRY_STATUS(m_impl->backend->write(ops, meta));
  m_impl->fresh = false;
  return {};
}

StateNode Database::root() const { return StateNode(m_impl->root); }
StateNode Database::head() const { return StateNode(m_impl->head); }
size_t Database::node_count() const { return m_impl->index.size(); }
std::string Database::describe() const { return m_impl->backend->describe(); }

std::vector<StateNode> Database::fork_heads() const {
  std::vector<StateNode> heads;
  for (const auto& [id, node] : m_impl->fork_heads) heads.emplace_back(node);
  return heads;
}

StateNode Database::get_node(util::ByteView id) const { return StateNode(m_impl->find(id)); }

util::Result<StateNode> Database::node_at_revision(uint64_t revision, util::ByteView child_id) const {
  NodePtr node = child_id.empty() ? m_impl->head : m_impl->find(child_id);
  if (!node) {
    return util::make_error(util::ErrorCode::unknown_previous_block,
                            "no state node with id " + util::to_hex(child_id));
  }
  if (revision < m_impl->root->info.height || revision > node->info.height) {
    return util::make_error(util::ErrorCode::invalid_argument,
                            "revision " + std::to_string(revision) + " is outside [" +
                                std::to_string(m_impl->root->info.height) + ", " +
                                std::to_string(node->info.height) + "]");
  }
  while (node->info.height > revision) node = node->parent;
  return StateNode(node);
}

util::Result<StateNode> Database::create_block_node(util::ByteView parent_id, const BlockInfo& info,
                                                    util::ByteView header) {
  using util::ErrorCode;
  const NodeData& root = *m_impl->root;
  if (info.height <= root.info.height) {
    return util::make_error(ErrorCode::pre_irreversibility_block,
                            "block height " + std::to_string(info.height) + " is at or below the irreversible height " +
                                std::to_string(root.info.height));
  }
  NodePtr parent = m_impl->find(parent_id);
  if (!parent) {
    return util::make_error(ErrorCode::unknown_previous_block, "unknown previous block " + util::to_hex(parent_id));
  }
  if (!parent->finalized) {
    return util::make_error(ErrorCode::block_state_error,
                            "previous block " + util::to_hex(parent_id) + " is not finalized");
  }
  if (info.height != parent->info.height + 1) {
    return util::make_error(ErrorCode::unexpected_height, "block height " + std::to_string(info.height) +
                                                              " does not follow previous block height " +
                                                              std::to_string(parent->info.height));
  }
  if (m_impl->find(info.id)) {
    return util::make_error(ErrorCode::block_state_error, "state node " + util::to_hex(info.id) + " already exists");
  }
  auto node = std::make_shared<NodeData>();
  node->kind = detail::NodeKind::block;
  node->parent = parent;
  node->backend = parent->backend;
  node->info = info;
  node->parent_id = parent->info.id;
  node->header = util::to_bytes(header);
  m_impl->index.emplace(info.id, node);
  return StateNode(node);
}

void Database::Impl::select_head(const NodePtr& node) {
  using Kind = detail::ForkChoice::Kind;
  if (node->info.height > head->info.height) {
    head = node;
  } else if (node->info.height == head->info.height) {
    std::vector<BlockInfo> forks;
    std::vector<NodePtr> fork_nodes;
    for (const auto& [id, fork] : fork_heads) {
      forks.push_back(fork->info);
      fork_nodes.push_back(fork);
    }
    // Equal height above the root implies the head is not the root, so it has a parent.
    auto choice = detail::choose_head(resolution, forks, head->info, head->parent->info, node->info);
    if (choice.kind == Kind::new_block) {
      head = node;
    } else if (choice.kind == Kind::fork_head) {
      head = fork_nodes[choice.fork_index];
    } else if (choice.kind == Kind::head_parent) {
      fork_heads.erase(head->info.id);
      head = head->parent;
      fork_heads.insert_or_assign(head->info.id, head);
    }
  }
  // Koinos bookkeeping, replicated: the node replaces its parent among the fork heads unless its parent
  // is now the head (then the node is not listed, e.g. after a double production fell back to the parent).
  if (node->parent_id != head->info.id) {
    fork_heads.erase(node->parent_id);
    fork_heads.insert_or_assign(node->info.id, node);
  }
}

util::Status Database::finalize_node(util::ByteView id) {
  NodePtr node = m_impl->find(id);
  if (!node) return m_impl->missing(id);
  if (node->finalized) {
    return util::make_error(util::ErrorCode::block_state_error,
                            "state node " + util::to_hex(id) + " is already finalized");
  }
  node->merkle_root = detail::compute_delta_merkle_root(*node);
  detail::build_chain_filter(*node);
  node->finalized = true;
  m_impl->select_head(node);
  return {};
}

util::Status Database::Impl::check_discardable(const NodePtr& node, std::vector<NodePtr>& subtree) const {
  subtree.push_back(node);
  for (size_t i = 0; i < subtree.size(); ++i) {
    if (subtree[i] == head) {
      return util::make_error(util::ErrorCode::block_state_error,
                              "cannot discard state node " + util::to_hex(node->info.id) +
                                  ": it would discard the head");
    }
    for (const auto& [id, candidate] : index) {
      if (candidate->parent == subtree[i]) subtree.push_back(candidate);
    }
  }
  return {};
}

util::Status Database::discard_node(util::ByteView id) {
  NodePtr node = m_impl->find(id);
  if (!node) return {};
  if (node == m_impl->root) {
    return util::make_error(util::ErrorCode::block_state_error, "cannot discard the root state node");
  }
  std::vector<NodePtr> subtree;
  MODCHAIN_TRY_STATUS(m_impl->check_discardable(node, subtree));
  for (const auto& gone : subtree) {
    m_impl->index.erase(gone->info.id);
    m_impl->fork_heads.erase(gone->info.id);
    gone->alive = false;
  }
  bool parent_has_children = false;
  for (const auto& [child_id, candidate] : m_impl->index) {
    if (candidate->parent == node->parent) parent_has_children = true;
  }
  if (!parent_has_children) m_impl->fork_heads.insert_or_assign(node->parent->info.id, node->parent);
  return {};
}

void Database::Impl::drop_non_descendants(const NodePtr& new_root) {
  for (auto it = index.begin(); it != index.end();) {
    if (descends_from(it->second.get(), new_root.get())) {
      ++it;
      continue;
    }
    it->second->alive = false;
    fork_heads.erase(it->first);
    it = index.erase(it);
  }
  if (fork_heads.empty()) fork_heads.emplace(new_root->info.id, new_root);
}

util::Status Database::commit_node(util::ByteView id) {
  if (util::ByteView(m_impl->root->info.id).size() == id.size() &&
      std::equal(id.begin(), id.end(), m_impl->root->info.id.begin())) {
    return {};
  }
  NodePtr node = m_impl->find(id);
  if (!node) return m_impl->missing(id);
  if (!node->finalized) {
    return util::make_error(util::ErrorCode::block_state_error,
                            "cannot commit state node " + util::to_hex(id) + ": not finalized");
  }
  if (!Impl::descends_from(m_impl->head.get(), node.get())) {
    return util::make_error(util::ErrorCode::block_state_error,
                            "cannot commit state node " + util::to_hex(id) + ": the head does not descend from it");
  }
  std::vector<NodeData*> chain;
  for (NodeData* n = node.get(); n != m_impl->root.get(); n = n->parent.get()) chain.push_back(n);
  std::vector<BatchOp> ops;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    for (const auto& key : (*it)->removed) ops.push_back({key, std::nullopt});
    for (const auto& [key, value] : (*it)->puts) ops.push_back({key, value});
  }
  RootMeta meta{node->info.id, node->info.height, node->merkle_root->to_bytes(), node->header,
                node->info.timestamp, node->info.signer};
  MODCHAIN_TRY_STATUS(m_impl->backend->write(ops, meta));

  // The batch is durable: the chain's deltas now live in the backend.
  for (NodeData* n : chain) {
    if (n != node.get()) n->alive = false;
  }
  m_impl->root->alive = false;
  node->kind = detail::NodeKind::root;
  node->parent.reset();
  node->clear_delta();
  m_impl->root = node;
  m_impl->fresh = false;
  m_impl->drop_non_descendants(node);
  return {};
}

}  // namespace modchain::state_db
