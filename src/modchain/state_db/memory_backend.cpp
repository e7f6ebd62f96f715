#include <map>

#include "modchain/state_db/backend.hpp"
#include "modchain/state_db/node_data.hpp"

namespace modchain::state_db {
namespace {

/// std::map in bytewise (memcmp) order, looked up by view without copying the key.
class MemoryBackend final : public Backend {
 public:
  util::Result<std::optional<util::Bytes>> get(util::ByteView key) const override {
    auto it = m_data.find(key);
    if (it == m_data.end()) return std::optional<util::Bytes>{};
    return std::optional<util::Bytes>{it->second};
  }

  util::Result<std::optional<KeyValue>> next(util::ByteView key) const override {
    auto it = m_data.upper_bound(key);
    if (it == m_data.end()) return std::optional<KeyValue>{};
    return std::optional<KeyValue>{KeyValue{it->first, it->second}};
  }

  util::Result<std::optional<KeyValue>> prev(util::ByteView key) const override {
    auto it = m_data.lower_bound(key);
    if (it == m_data.begin()) return std::optional<KeyValue>{};
    --it;
    return std::optional<KeyValue>{KeyValue{it->first, it->second}};
  }

  util::Result<std::optional<RootMeta>> load_meta() const override { return m_meta; }

  util::Status write(const std::vector<BatchOp>& ops, const RootMeta& meta) override {
    for (const auto& op : ops) {
      if (op.value) {
        m_data[op.key] = *op.value;
      } else {
        if (auto it = m_data.find(op.key); it != m_data.end()) m_data.erase(it);
      }
    }
    m_meta = meta;
    return {};
  }

  std::string describe() const override { return "memory"; }

 private:
  std::map<util::Bytes, util::Bytes, detail::BytesLess> m_data;
  std::optional<RootMeta> m_meta;
};

}  // namespace

std::unique_ptr<Backend> make_memory_backend() { return std::make_unique<MemoryBackend>(); }

}  // namespace modchain::state_db
