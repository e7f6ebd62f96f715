#include "modchain/state_db/state_node.hpp"

#include "modchain/state_db/node_data.hpp"
#include "modchain/util/encoding.hpp"

namespace modchain::state_db {
namespace {

util::Error null_handle_error() {
  return util::make_error(util::ErrorCode::invalid_argument, "operation on a null state node handle");
}

// Strips the space prefix and the `12 <len>` key header off a serialized database_key.
util::Result<KeyValue> to_object(KeyValue entry) {
  auto parsed = parse_database_key(entry.key);
  if (!parsed) return parsed.error();
  return KeyValue{std::move(parsed->key), std::move(entry.value)};
}

}  // namespace

const util::Bytes& StateNode::id() const { return m_data->info.id; }
uint64_t StateNode::revision() const { return m_data->info.height; }
const util::Bytes& StateNode::parent_id() const { return m_data->parent_id; }
const util::Bytes& StateNode::header() const { return m_data->header; }
const BlockInfo& StateNode::block_info() const { return m_data->info; }
bool StateNode::is_finalized() const { return m_data->finalized; }
bool StateNode::is_anonymous() const { return m_data->kind == detail::NodeKind::anonymous; }
bool StateNode::is_root() const { return m_data->kind == detail::NodeKind::root && m_data->alive; }
bool StateNode::is_alive() const { return m_data && m_data->alive; }

util::Result<std::optional<util::Bytes>> StateNode::get_raw(util::ByteView db_key) const {
  if (!m_data) return null_handle_error();
  return detail::merged_get(*m_data, db_key);
}

util::Result<std::optional<util::Bytes>> StateNode::get_object(const ObjectSpace& space,
                                                               util::ByteView key) const {
  return get_raw(serialize_database_key(space, key));
}

util::Result<std::optional<KeyValue>> StateNode::get_next_object(const ObjectSpace& space,
                                                                 util::ByteView key) const {
  if (!m_data) return null_handle_error();
  auto found = detail::merged_next(*m_data, serialize_database_key(space, key), space_prefix(space));
  if (!found) return found.error();
  if (!found->has_value()) return std::optional<KeyValue>{};
  auto object = to_object(std::move(**found));
  if (!object) return object.error();
  return std::optional<KeyValue>{std::move(*object)};
}

util::Result<std::optional<KeyValue>> StateNode::get_prev_object(const ObjectSpace& space,
                                                                 util::ByteView key) const {
  if (!m_data) return null_handle_error();
  auto found = detail::merged_prev(*m_data, serialize_database_key(space, key), space_prefix(space));
  if (!found) return found.error();
  if (!found->has_value()) return std::optional<KeyValue>{};
  auto object = to_object(std::move(**found));
  if (!object) return object.error();
  return std::optional<KeyValue>{std::move(*object)};
}

util::Status StateNode::check_writable() const {
  if (!m_data) return null_handle_error();
  if (!m_data->alive) return detail::dead_node_error(*m_data);
  if (m_data->kind == detail::NodeKind::root || m_data->finalized) {
    return util::make_error(util::ErrorCode::block_state_error,
                            "cannot write to finalized state node " + util::to_hex(m_data->info.id) +
                                " at revision " + std::to_string(m_data->info.height));
  }
  return {};
}

util::Result<int64_t> StateNode::put_object(const ObjectSpace& space, util::ByteView key,
                                            util::ByteView value) {
  MODCHAIN_TRY_STATUS(check_writable());
  util::Bytes db_key = serialize_database_key(space, key);
  auto old = detail::merged_get(*m_data, db_key);
  if (!old) return old.error();
  int64_t delta = old->has_value() ? static_cast<int64_t>(value.size()) - static_cast<int64_t>((*old)->size())
                                   : static_cast<int64_t>(db_key.size() + value.size());
  detail::delta_put(*m_data, db_key, value);
  return delta;
}

util::Result<int64_t> StateNode::remove_object(const ObjectSpace& space, util::ByteView key) {
  MODCHAIN_TRY_STATUS(check_writable());
  util::Bytes db_key = serialize_database_key(space, key);
  auto old = detail::merged_get(*m_data, db_key);
  if (!old) return old.error();
  if (!old->has_value()) return int64_t{0};
  MODCHAIN_TRY_STATUS(detail::delta_erase(*m_data, db_key));
  return -static_cast<int64_t>((*old)->size() + db_key.size());
}

util::Result<crypto::Multihash> StateNode::merkle_root() const {
  if (!m_data) return null_handle_error();
  if (!m_data->alive) return detail::dead_node_error(*m_data);
  if (!m_data->finalized || !m_data->merkle_root) {
    return util::make_error(util::ErrorCode::block_state_error,
                            "state node " + util::to_hex(m_data->info.id) +
                                " must be finalized to report a merkle root");
  }
  return *m_data->merkle_root;
}

util::Result<std::vector<DeltaEntry>> StateNode::delta_entries() const {
  if (!m_data) return null_handle_error();
  if (!m_data->alive) return detail::dead_node_error(*m_data);
  std::vector<DeltaEntry> entries;
  for (const auto& [key, value] : detail::delta_key_list(*m_data)) {
    auto parsed = parse_database_key(*key);
    if (!parsed) return parsed.error();
    DeltaEntry entry{std::move(parsed->space), std::move(parsed->key), std::nullopt};
    if (value) entry.value = *value;
    entries.push_back(std::move(entry));
  }
  return entries;
}

util::Result<StateNode> StateNode::create_anonymous_node() const {
  if (!m_data) return null_handle_error();
  if (!m_data->alive) return detail::dead_node_error(*m_data);
  auto child = std::make_shared<detail::NodeData>();
  child->kind = detail::NodeKind::anonymous;
  child->parent = m_data;
  child->backend = m_data->backend;
  child->info = m_data->info;
  child->parent_id = m_data->parent_id;
  return StateNode(std::move(child));
}

util::Status StateNode::commit() {
  if (!m_data) return null_handle_error();
  if (m_data->kind != detail::NodeKind::anonymous) {
    return util::make_error(util::ErrorCode::invalid_argument, "commit() is for anonymous nodes only");
  }
  if (!m_data->alive) return detail::dead_node_error(*m_data);
  const detail::NodeData& parent = *m_data->parent;
  if (!parent.alive) return detail::dead_node_error(parent);
  if (parent.kind == detail::NodeKind::root || parent.finalized) {
    return util::make_error(util::ErrorCode::block_state_error,
                            "cannot commit an anonymous node into finalized state node " +
                                util::to_hex(parent.info.id));
  }
  detail::squash_into_parent(*m_data);
  return {};
}

util::Status StateNode::discard() {
  if (!m_data) return null_handle_error();
  if (m_data->kind != detail::NodeKind::anonymous) {
    return util::make_error(util::ErrorCode::invalid_argument, "discard() is for anonymous nodes only");
  }
  m_data->clear_delta();
  return {};
}

}  // namespace modchain::state_db
