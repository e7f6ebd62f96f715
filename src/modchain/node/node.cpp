#include "modchain/node/node.hpp"

#include <algorithm>
#include <filesystem>
#include <sstream>

#include "koinos/broadcast/broadcast.pb.h"
#include "koinos/rpc/block_store/block_store_rpc.pb.h"
#include "modchain/block_store/service.hpp"
#include "modchain/block_store/store.hpp"
#include "modchain/bus/in_process_bus.hpp"
#include "modchain/bus/typed_call.hpp"
#include "modchain/chain/chain_service.hpp"
#include "modchain/kernel/controller.hpp"
#include "modchain/mempool/service.hpp"
#include "modchain/p2p/rpc.hpp"
#include "modchain/p2p/service.hpp"
#include "modchain/node/dev_chain.hpp"
#include "modchain/node/system_install.hpp"
#include "modchain/producer/producer.hpp"
#include "modchain/protocol/ids.hpp"
#include "modchain/rpc/http_server.hpp"
#include "modchain/rpc/request_handler.hpp"
#include "modchain/util/bytes.hpp"
#include "modchain/util/encoding.hpp"

namespace modchain::node {

using util::ErrorCode;
namespace fs = std::filesystem;

LogLevel parse_log_level(std::string_view name) {
  if (name == "trace") return LogLevel::trace;
  if (name == "debug") return LogLevel::debug;
  if (name == "warning") return LogLevel::warning;
  if (name == "error") return LogLevel::error;
  return LogLevel::info;
}

namespace {

/// p2p's view of the chain: head and LIB from the chain service, blocks from the block store (bus).
/// Called only from the p2p I/O thread.
class NodeChainView : public p2p::ChainView {
 public:
  NodeChainView(chain::ChainService& chain, bus::Bus& bus, std::string chain_id)
      : m_chain(chain), m_bus(bus), m_chain_id(std::move(chain_id)) {}

  util::Bytes chain_id() const override { return util::to_bytes(m_chain_id); }

  p2p::Topology head() const override {
    p2p::Topology out;
    auto info = m_chain.head_info();
    if (!info.ok()) return out;
    const auto& topology = info->head_topology();
    out.id = util::to_bytes(topology.id());
    out.height = topology.height();
    out.previous = util::to_bytes(topology.previous());
    return out;
  }

  p2p::Topology last_irreversible() const override {
    p2p::Topology out;  // sync restarts from the LIB's height; the id is not needed
    auto info = m_chain.head_info();
    if (info.ok()) out.height = info->last_irreversible_block();
    return out;
  }

  util::Result<std::vector<koinos::protocol::block>> blocks_by_height(const util::Bytes& head_id,
                                                                       uint64_t start_height,
                                                                       uint32_t count) const override {
    std::vector<koinos::protocol::block> out;
    std::string head = util::to_string(head_id);
    if (head.empty()) {
      auto info = m_chain.head_info();
      if (!info.ok()) return info.error();
      head = info->head_topology().id();
    }
    if (head.empty() || start_height == 0 || count == 0) return out;
    namespace bs = koinos::rpc::block_store;
    bs::block_store_request request;
    auto* by_height = request.mutable_get_blocks_by_height();
    by_height->set_head_block_id(head);
    by_height->set_ancestor_start_height(start_height);
    by_height->set_num_blocks(std::min<uint32_t>(count, block_store::k_max_request_items));
    by_height->set_return_block(true);
    by_height->set_return_receipt(false);
    auto answer =
        bus::call_typed<bs::block_store_response>(m_bus, "block_store", request, std::chrono::milliseconds(5000));
    if (!answer.ok()) return answer.error();
    // An unknown head or a start above it is "fewer blocks" for p2p, not a storage failure.
    if (answer->has_error()) return out;
    for (auto& item : *answer->mutable_get_blocks_by_height()->mutable_block_items()) {
      out.push_back(std::move(*item.mutable_block()));
    }
    return out;
  }

 private:
  chain::ChainService& m_chain;
  bus::Bus& m_bus;
  std::string m_chain_id;
};

/// Blocks from peers go to the chain service (a known block is a success there: idempotent).
class NodeBlockSink : public p2p::BlockSink {
 public:
  explicit NodeBlockSink(chain::ChainService& chain) : m_chain(chain) {}
  util::Status submit_block(const koinos::protocol::block& block) override {
    auto receipt = m_chain.submit_block(block);
    if (!receipt.ok()) return receipt.error();
    return {};
  }

 private:
  chain::ChainService& m_chain;
};

/// Transactions from peers go through the chain's broadcast submission (mempool checks, then
/// koinos.transaction.accept, which the mempool picks up).
class NodeTransactionSink : public p2p::TransactionSink {
 public:
  explicit NodeTransactionSink(chain::ChainService& chain) : m_chain(chain) {}
  util::Status submit_transaction(const koinos::protocol::transaction& transaction) override {
    auto receipt = m_chain.submit_transaction(transaction, true);
    if (!receipt.ok()) return receipt.error();
    return {};
  }

 private:
  chain::ChainService& m_chain;
};

}  // namespace

// Members in start-up order; destroyed in reverse (producer first, bus last).
struct Node::Impl {
  NodeConfig config;
  LogSink log;
  NodeInfo info;
  chain::SystemClock clock;
  bus::InProcessBus bus;
  std::unique_ptr<block_store::Store> store;
  std::unique_ptr<block_store::StoreService> store_service;
  std::unique_ptr<kernel::Controller> controller;
  std::unique_ptr<chain::ChainService> chain;
  std::unique_ptr<mempool::Mempool> pool;
  std::unique_ptr<mempool::MempoolService> pool_service;
  std::unique_ptr<rpc::RequestHandler> handler;
  std::unique_ptr<rpc::HttpServer> http;
  std::unique_ptr<NodeChainView> p2p_view;
  std::unique_ptr<NodeBlockSink> p2p_blocks;
  std::unique_ptr<NodeTransactionSink> p2p_transactions;
  std::unique_ptr<p2p::P2pService> p2p;
  std::unique_ptr<p2p::P2pRpc> p2p_rpc;  // p2p.get_gossip_status on the bus
  std::vector<bus::SubscriptionId> p2p_subscriptions;
  std::unique_ptr<producer::BlockProducer> producer;
  bool stopped = false;

  void say(LogLevel level, const std::string& message) const {
    if (log && level >= parse_log_level(config.log_level)) log(level, message);
  }
  util::Result<std::pair<koinos::chain::genesis_data, std::optional<crypto::PrivateKey>>> load_genesis();
  util::Status open_chain(const koinos::chain::genesis_data& genesis);
  util::Status open_services();
  util::Status start_p2p();
  void stop_p2p();
  void start_producer(const crypto::PrivateKey& key, std::function<void(uint64_t)> on_block);
};

namespace {

state_db::ForkResolution fork_resolution(const std::string& name) {
  if (name == "pob") return state_db::ForkResolution::pob;
  if (name == "block-time") return state_db::ForkResolution::block_time;
  return state_db::ForkResolution::fifo;
}

std::string genesis_address(const koinos::chain::genesis_data& genesis) {
  const std::string key = util::to_string(protocol::metadata_key("genesis_key").to_bytes());
  for (const auto& entry : genesis.entries()) {
    if (entry.space().system() && entry.key() == key) {
      auto address = crypto::Address::from_bytes(util::as_bytes(entry.value()));
      if (address.ok()) return address->to_base58();
    }
  }
  return {};
}

}  // namespace

util::Result<std::pair<koinos::chain::genesis_data, std::optional<crypto::PrivateKey>>> Node::Impl::load_genesis() {
  if (config.dev) {
    auto dev = load_or_create_dev_chain(config.data_dir, info.genesis_path, config.producer_key_wif);
    if (!dev.ok()) return dev.error();
    if (dev->created) info.producer_key_wif = dev->key.to_wif();
    return std::make_pair(std::move(dev->genesis), std::optional<crypto::PrivateKey>(dev->key));
  }
  auto genesis = read_genesis(info.genesis_path);
  if (!genesis.ok()) return genesis.error();
  std::optional<crypto::PrivateKey> key;
  if (!config.producer_key_wif.empty()) {
    auto parsed = crypto::PrivateKey::from_wif(config.producer_key_wif);
    if (!parsed.ok()) return util::make_error(parsed.error().code, "producer key: " + parsed.error().message);
    key = std::move(parsed).value();
  }
  return std::make_pair(std::move(genesis).value(), std::move(key));
}

util::Status Node::Impl::open_chain(const koinos::chain::genesis_data& genesis) {
  auto opened_store = block_store::Store::open({(fs::path(config.data_dir) / "block_store").string(), true});
  if (!opened_store.ok()) return opened_store.error();
  store = std::move(opened_store).value();
  auto attached = block_store::StoreService::attach(bus, *store);
  if (!attached.ok()) return attached.error();
  store_service = std::move(attached).value();

  std::error_code ec;
  fs::create_directories(fs::path(config.data_dir) / "chain", ec);
  if (ec) return util::make_error(ErrorCode::io_error, "cannot create " + config.data_dir + "/chain: " + ec.message());
  kernel::ControllerOptions options;
  options.database.backend = state_db::BackendKind::rocksdb;
  options.database.rocksdb.path = (fs::path(config.data_dir) / "chain" / "blockchain").string();
  options.database.fork_resolution = fork_resolution(config.fork_algorithm);
  auto opened = kernel::Controller::open(options, genesis);
  if (!opened.ok()) return util::make_error(opened.error().code, "chain state: " + opened.error().message);
  controller = std::move(opened).value();
  chain = std::make_unique<chain::ChainService>(*controller, bus, clock);
  chain->set_store_blocks(true);
  MODCHAIN_TRY_STATUS(chain->attach());

  auto replayed = chain->replay_from_block_store();
  if (!replayed.ok()) return replayed.error();
  info.replayed_blocks = replayed.value();
  auto head = chain->head_info();
  if (!head.ok()) return head.error();
  info.head_height = head->head_topology().height();
  auto id = controller->chain_id();
  if (!id.ok()) return id.error();
  info.chain_id_hex = "0x" + util::to_hex(util::as_bytes(id.value()));
  info.chain_id_base64 = util::to_base64(util::as_bytes(id.value()), util::Base64Alphabet::url);
  info.genesis_address = genesis_address(genesis);
  return {};
}

util::Status Node::Impl::open_services() {
  pool = std::make_unique<mempool::Mempool>(mempool::MempoolOptions{}, clock);
  auto* service = chain.get();
  auto check = [service](const auto& trx, std::optional<uint64_t> pending) {
    return service->check_transaction(trx, pending);
  };
  auto chain_nonce = [service](const std::string& account) { return service->account_nonce(account); };
  auto attached = mempool::MempoolService::attach(bus, *pool, check, chain_nonce);
  if (!attached.ok()) return attached.error();
  pool_service = std::move(attached).value();
  chain->set_pending_pool(pool.get());

  rpc::HandlerOptions handler_options;
  handler_options.max_request_bytes = config.jsonrpc_max_body_bytes;
  handler_options.whitelist = config.jsonrpc_whitelist;
  handler_options.blacklist = config.jsonrpc_blacklist;
  handler = std::make_unique<rpc::RequestHandler>(bus, handler_options);
  rpc::ServerOptions server_options;
  server_options.address = config.jsonrpc_address;
  server_options.port = config.jsonrpc_port;
  server_options.threads = config.jsonrpc_threads;
  server_options.max_body_bytes = config.jsonrpc_max_body_bytes;
  auto server = rpc::HttpServer::start(*handler, server_options);
  if (!server.ok()) return server.error();
  http = std::move(server).value();
  const bool v6 = config.jsonrpc_address.find(':') != std::string::npos;
  info.rpc_url = "http://" + (v6 ? "[" + config.jsonrpc_address + "]" : config.jsonrpc_address) + ":" +
                 std::to_string(http->port()) + "/";
  return {};
}

util::Status Node::Impl::start_p2p() {
  if (config.p2p_listen.empty() && config.p2p_peers.empty()) return {};  // p2p off
  p2p::Options options;
  std::string host;
  if (config.p2p_listen.empty()) {
    options.listen = false;  // peers only: outbound connections
  } else {
    // HOST:PORT or [v6]:PORT; port 0 = ephemeral (parse_peer_address refuses 0, so it is split here; the
    // configuration checked the form and the port range).
    const size_t colon = config.p2p_listen.rfind(':');
    host = config.p2p_listen.substr(0, colon);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    options.listen_address = host;
    options.listen_port = static_cast<uint16_t>(std::stoul(config.p2p_listen.substr(colon + 1)));
  }
  for (const auto& text : config.p2p_peers) {
    auto peer = p2p::parse_peer_address(text);
    if (!peer.ok()) return util::make_error(peer.error().code, "p2p-peer: " + peer.error().message);
    options.peers.push_back(std::move(peer).value());
  }
  options.log = [this](p2p::LogLevel level, const std::string& line) {
    static constexpr LogLevel k_levels[] = {LogLevel::debug, LogLevel::info, LogLevel::warning, LogLevel::error};
    say(k_levels[static_cast<int>(level)], line.rfind("p2p", 0) == 0 ? line : "p2p: " + line);
  };
  // Koinos' koinos.gossip.status broadcast (called on the p2p I/O thread; bus subscribers run there).
  options.on_gossip_status = [this](bool enabled) {
    koinos::broadcast::gossip_status status;
    status.set_enabled(enabled);
    (void)bus::publish_typed(bus, bus::topics::k_gossip_status, status);
  };
  auto id = controller->chain_id();
  if (!id.ok()) return id.error();
  p2p_view = std::make_unique<NodeChainView>(*chain, bus, id.value());
  p2p_blocks = std::make_unique<NodeBlockSink>(*chain);
  p2p_transactions = std::make_unique<NodeTransactionSink>(*chain);
  auto started = p2p::P2pService::start(std::move(options), *p2p_view, *p2p_blocks, *p2p_transactions);
  if (!started.ok()) return util::make_error(started.error().code, "p2p: " + started.error().message);
  p2p = std::move(started).value();
  auto rpc = p2p::P2pRpc::attach(bus, *p2p);
  if (!rpc.ok()) return rpc.error();
  p2p_rpc = std::move(rpc).value();
  info.p2p_listen = config.p2p_listen.empty() ? "outbound only"
                                              : (host.find(':') != std::string::npos ? "[" + host + "]" : host) +
                                                    ":" + std::to_string(p2p->port());
  info.p2p_peers = config.p2p_peers;
  // Blocks the chain accepted (produced here, from RPC or from peers) and transactions the mempool accepted
  // are gossiped; the seen-cache drops echoes of what p2p itself just submitted.
  auto* service = p2p.get();
  auto on_block = bus.subscribe(bus::topics::k_mempool_block_accepted, [service](std::string_view, std::string_view payload) {
    koinos::broadcast::block_accepted accepted;
    if (!accepted.ParseFromArray(payload.data(), static_cast<int>(payload.size()))) return;
    service->broadcast_block(accepted.block());
    service->notify_head_changed();
  });
  if (!on_block.ok()) return on_block.error();
  p2p_subscriptions.push_back(on_block.value());
  auto on_transaction = bus.subscribe(bus::topics::k_mempool_accept, [service](std::string_view, std::string_view payload) {
    koinos::broadcast::mempool_accepted accepted;
    if (!accepted.ParseFromArray(payload.data(), static_cast<int>(payload.size()))) return;
    service->broadcast_transaction(accepted.transaction());
  });
  if (!on_transaction.ok()) return on_transaction.error();
  p2p_subscriptions.push_back(on_transaction.value());
  auto on_readded = bus.subscribe(bus::topics::k_mempool_readded, [service](std::string_view, std::string_view payload) {
    koinos::broadcast::mempool_accepted readded;
    if (!readded.ParseFromArray(payload.data(), static_cast<int>(payload.size()))) return;
    service->rebroadcast_transaction(readded.transaction());
  });
  if (!on_readded.ok()) return on_readded.error();
  p2p_subscriptions.push_back(on_readded.value());
  return {};
}

void Node::Impl::stop_p2p() {
  for (auto id : p2p_subscriptions) bus.unsubscribe(id);
  p2p_subscriptions.clear();
  p2p_rpc.reset();
  if (p2p) p2p->stop();
  p2p.reset();
  p2p_transactions.reset();
  p2p_blocks.reset();
  p2p_view.reset();
}

void Node::Impl::start_producer(const crypto::PrivateKey& key, std::function<void(uint64_t)> on_block) {
  producer::ProducerOptions options;
  options.interval_ms = config.block_interval_ms;
  options.approve_proposals = approved_proposal_ids(config);
  producer = std::make_unique<producer::BlockProducer>(*chain, *pool, bus, clock, key, options);
  info.producer_address = producer->signer_address();
  info.block_interval_ms = options.interval_ms;
  producer->start([this, on_block = std::move(on_block)](const util::Result<producer::ProducedBlock>& produced) {
    if (!produced.ok()) {
      // With a producer set (consensus contract), most slots belong to someone else: not a problem.
      const bool not_our_slot = produced.error().code == ErrorCode::invalid_signature;
      say(not_our_slot ? LogLevel::debug : LogLevel::warning,
          (not_our_slot ? "not producing: " : "block production failed: ") + produced.error().describe());
      return;
    }
    std::ostringstream line;
    line << "produced block " << produced->height << " 0x" << util::to_hex(util::as_bytes(produced->id)) << " ("
         << produced->transactions << " transactions";
    if (produced->dropped != 0) line << ", " << produced->dropped << " dropped";
    line << ")";
    say(produced->transactions != 0 ? LogLevel::info : LogLevel::debug, line.str());
    if (on_block) on_block(produced->height);
  });
}

Node::Node(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Node::~Node() { stop(); }

const NodeInfo& Node::info() const { return m_impl->info; }

util::Result<std::unique_ptr<Node>> Node::start(const NodeConfig& config, LogSink log,
                                                std::function<void(uint64_t)> on_block) {
  auto impl = std::make_unique<Impl>();
  impl->config = config;
  impl->log = std::move(log);
  impl->info.data_dir = config.data_dir;
  impl->info.genesis_path =
      config.genesis_path.empty() ? (fs::path(config.data_dir) / "genesis_data.json").string() : config.genesis_path;
  std::error_code ec;
  fs::create_directories(config.data_dir, ec);
  if (ec)
    return util::make_error(ErrorCode::io_error,
                            "cannot create data directory " + config.data_dir + ": " + ec.message());
  auto genesis = impl->load_genesis();
  if (!genesis.ok()) return genesis.error();
  MODCHAIN_TRY_STATUS(impl->open_chain(genesis->first));
  if (impl->info.replayed_blocks != 0) {
    impl->say(LogLevel::info, "replayed " + std::to_string(impl->info.replayed_blocks) +
                                  " blocks from the block store; head is block " +
                                  std::to_string(impl->info.head_height));
  }
  MODCHAIN_TRY_STATUS(impl->open_services());
  if (auto p2p = impl->start_p2p(); !p2p.ok()) {
    impl->stop_p2p();
    return p2p.error();
  }
  if (config.dev && genesis->second.has_value()) {
    auto chain_id = impl->controller->chain_id();
    if (!chain_id.ok()) return chain_id.error();
    auto installed = install_system_contracts_if_fresh(config, *impl->chain, impl->clock, *genesis->second,
                                                       chain_id.value());
    if (!installed.ok()) return installed.error();
    if (!installed->empty()) impl->say(LogLevel::info, installed.value());
  }
  if (genesis->second.has_value()) impl->start_producer(*genesis->second, std::move(on_block));
  return std::unique_ptr<Node>(new Node(std::move(impl)));
}

void Node::stop() {
  auto& impl = *m_impl;
  if (impl.stopped) return;
  impl.stopped = true;
  if (impl.producer) impl.producer->stop();
  if (impl.http) impl.http->stop();
  // After the threads that publish on the bus (producer, RPC) and before the chain and the block store
  // go away: no sink call and no bus handler into the service after this.
  impl.stop_p2p();
  impl.producer.reset();
  impl.http.reset();
  impl.handler.reset();
  impl.chain->set_pending_pool(nullptr);
  impl.pool_service.reset();
  impl.pool.reset();
  impl.chain.reset();
  impl.controller.reset();
  impl.store_service.reset();
  impl.store.reset();
  impl.say(LogLevel::info, "stopped");
}

std::string banner(const NodeInfo& info) {
  std::ostringstream out;
  out << "chain id:        " << info.chain_id_hex << "\n"
      << "chain id (RPC):  " << info.chain_id_base64 << "\n"
      << "genesis:         " << info.genesis_path << "\n"
      << "genesis key:     " << (info.genesis_address.empty() ? "(none)" : info.genesis_address) << "\n"
      << "data dir:        " << info.data_dir << "\n"
      << "head:            block " << info.head_height;
  if (info.replayed_blocks != 0) out << " (" << info.replayed_blocks << " re-applied from the block store)";
  out << "\n";
  if (info.producer_address.empty()) {
    out << "producer:        off (no producer key)\n";
  } else {
    out << "producer:        " << info.producer_address << ", a block every " << info.block_interval_ms << " ms\n";
  }
  if (!info.producer_key_wif.empty()) {
    out << "dev key (WIF):   " << info.producer_key_wif << "   <- printed once; kept in "
        << (std::filesystem::path(info.data_dir) / "block_producer" / "private.key").string() << "\n";
  }
  if (info.p2p_listen.empty()) {
    out << "p2p:             off\n";
  } else {
    out << "p2p:             " << info.p2p_listen;
    for (size_t i = 0; i < info.p2p_peers.size(); ++i) out << (i == 0 ? ", peers " : ", ") << info.p2p_peers[i];
    out << "\n";
  }
  out << "JSON-RPC:        " << info.rpc_url << "\n"
      << "koilib:          const provider = new Provider(\"" << info.rpc_url << "\");\n";
  if (!info.genesis_address.empty() && info.genesis_address == info.producer_address) {
    out << "                 const signer = Signer.fromWif(\"<WIF in "
        << (std::filesystem::path(info.data_dir) / "block_producer" / "private.key").string()
        << ">\"); signer.provider = provider;\n";
  }
  return out.str();
}

}  // namespace modchain::node
