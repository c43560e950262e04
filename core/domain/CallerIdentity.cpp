#include "core/domain/CallerIdentity.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fmt/format.h>
#include <mutex>

namespace warmline {

namespace {

void ensureSodium()
{
    static std::once_flag once;
    std::call_once(once, [] {
        if (sodium_init() < 0) {
            throw std::runtime_error("libsodium could not be initialised");
        }
    });
}

constexpr char kKdfContext[crypto_kdf_CONTEXTBYTES + 1] = "WLcaller";
constexpr std::uint64_t kHashSubkeyId = 1;
constexpr std::uint64_t kBoxSubkeyId = 2;

static_assert(crypto_kdf_KEYBYTES == 32);
static_assert(crypto_secretbox_KEYBYTES == 32);

/// Closes a POSIX descriptor on every path out.
class FileDescriptor
{
public:
    explicit FileDescriptor(int fd) : m_fd(fd) {}
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    ~FileDescriptor()
    {
        if (m_fd >= 0) {
            ::close(m_fd);
        }
    }
    int get() const { return m_fd; }

private:
    int m_fd;
};

std::string errnoText(int error)
{
    return std::strerror(error);
}

/// Zeroes secret bytes when they go out of scope.
template <std::size_t N> struct SecretBytes
{
    std::array<unsigned char, N> bytes{};
    SecretBytes() = default;
    SecretBytes(const SecretBytes&) = delete;
    SecretBytes& operator=(const SecretBytes&) = delete;
    ~SecretBytes() { sodium_memzero(bytes.data(), bytes.size()); }
};

void readKeyFile(const std::filesystem::path& path, int fd,
                 std::array<unsigned char, kSiteKeyFileBytes>& out)
{
    struct stat info
    {
    };
    if (::fstat(fd, &info) != 0) {
        throw KeyFileError(
            fmt::format("key file {}: cannot stat: {}", path.string(), errnoText(errno)));
    }
    if (!S_ISREG(info.st_mode)) {
        throw KeyFileError(fmt::format("key file {}: not a regular file", path.string()));
    }
    const unsigned mode = info.st_mode & 07777u;
    if ((mode & 077u) != 0) {
        throw KeyFileError(fmt::format(
            "key file {} is accessible to other users (mode {:04o}); it must be readable only "
            "by the gateway's user: chmod 600 {}",
            path.string(), mode, path.string()));
    }
    if (info.st_size != static_cast<off_t>(kSiteKeyFileBytes)) {
        throw KeyFileError(fmt::format("key file {}: expected {} bytes, found {}", path.string(),
                                       kSiteKeyFileBytes, info.st_size));
    }
    std::size_t done = 0;
    while (done < out.size()) {
        const ssize_t n = ::read(fd, out.data() + done, out.size() - done);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            throw KeyFileError(fmt::format("key file {}: read failed: {}", path.string(),
                                           n < 0 ? errnoText(errno) : "unexpected end of file"));
        }
        done += static_cast<std::size_t>(n);
    }
}

/// Writes a new key under a temporary name and links it into place, so a
/// crash never leaves a short key file and a concurrent creator never has
/// its key replaced. Returns false when another process created it first.
bool createKeyFile(const std::filesystem::path& path)
{
    std::error_code ec;
    if (path.has_parent_path()) {
        std::filesystem::create_directories(path.parent_path(), ec);
        if (ec) {
            throw KeyFileError(fmt::format("key file {}: cannot create its directory: {}",
                                           path.string(), ec.message()));
        }
    }
    std::array<unsigned char, 8> suffix{};
    randombytes_buf(suffix.data(), suffix.size());
    char suffixHex[2 * suffix.size() + 1] = {};
    sodium_bin2hex(suffixHex, sizeof suffixHex, suffix.data(), suffix.size());
    const std::filesystem::path temporary = path.string() + ".tmp-" + suffixHex;

    {
        FileDescriptor fd(
            ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
        if (fd.get() < 0) {
            throw KeyFileError(
                fmt::format("key file {}: cannot create: {}", path.string(), errnoText(errno)));
        }
        SecretBytes<kSiteKeyFileBytes> key;
        randombytes_buf(key.bytes.data(), key.bytes.size());
        std::size_t done = 0;
        while (done < key.bytes.size()) {
            const ssize_t n = ::write(fd.get(), key.bytes.data() + done, key.bytes.size() - done);
            if (n < 0 && errno == EINTR) {
                continue;
            }
            if (n <= 0) {
                const int error = errno;
                ::unlink(temporary.c_str());
                throw KeyFileError(
                    fmt::format("key file {}: write failed: {}", path.string(), errnoText(error)));
            }
            done += static_cast<std::size_t>(n);
        }
        if (::fsync(fd.get()) != 0) {
            const int error = errno;
            ::unlink(temporary.c_str());
            throw KeyFileError(
                fmt::format("key file {}: fsync failed: {}", path.string(), errnoText(error)));
        }
    }

    const int linked = ::link(temporary.c_str(), path.c_str());
    const int linkError = errno;
    ::unlink(temporary.c_str());
    if (linked != 0) {
        if (linkError == EEXIST) {
            return false;
        }
        throw KeyFileError(
            fmt::format("key file {}: cannot create: {}", path.string(), errnoText(linkError)));
    }
    const std::filesystem::path directory =
        path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
    FileDescriptor dir(::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dir.get() >= 0) {
        ::fsync(dir.get());
    }
    return true;
}

// Words that are gentle, neutral and unlikely to read as a judgement of the
// caller. Exactly 64 each, so a byte modulo 64 picks without bias.
constexpr std::array<std::string_view, 64> kAdjectives = {
    "Amber",  "Quiet",  "Gentle",  "Silver", "Golden", "Misty",   "Sunny",   "Calm",
    "Bright", "Mellow", "Soft",    "Still",  "Warm",   "Coral",   "Azure",   "Ivory",
    "Jade",   "Olive",  "Russet",  "Sage",   "Slate",  "Teal",    "Copper",  "Rosy",
    "Dusky",  "Indigo", "Lilac",   "Pearl",  "Cobalt", "Saffron", "Crimson", "Velvet",
    "Hushed", "Steady", "Patient", "Kind",   "Brave",  "Clear",   "Cool",    "Dawn",
    "Early",  "Fair",   "Fresh",   "Glad",   "Green",  "Blue",    "Grey",    "Honey",
    "Lucky",  "Merry",  "Noble",   "Open",   "Linen",  "Lunar",   "Rainy",   "Snowy",
    "Spring", "Summer", "Autumn",  "Winter", "Tender", "True",    "Wise",    "Woven"};

constexpr std::array<std::string_view, 64> kNouns = {
    "Heron",   "Cedar",    "Willow", "River",   "Brook",    "Finch",   "Wren",    "Robin",
    "Sparrow", "Lark",     "Oak",    "Birch",   "Aspen",    "Pine",    "Spruce",  "Alder",
    "Elm",     "Linden",   "Rowan",  "Meadow",  "Fern",     "Moss",    "Clover",  "Harbor",
    "Lagoon",  "Creek",    "Valley", "Glade",   "Grove",    "Ridge",   "Pebble",  "Shore",
    "Dune",    "Island",   "Marsh",  "Stream",  "Lake",     "Pond",    "Bay",     "Cove",
    "Crane",   "Egret",    "Plover", "Swallow", "Thrush",   "Warbler", "Dove",    "Owl",
    "Puffin",  "Starling", "Tern",   "Magpie",  "Bluebird", "Poplar",  "Juniper", "Laurel",
    "Myrtle",  "Beech",    "Larch",  "Cypress", "Sequoia",  "Maple",   "Hollow",  "Heath"};

int hexDigit(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

} // namespace

SiteKeys SiteKeys::loadOrCreate(const std::filesystem::path& path)
{
    ensureSodium();
    for (int attempt = 0; attempt < 2; ++attempt) {
        FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
        if (fd.get() >= 0) {
            SecretBytes<kSiteKeyFileBytes> master;
            readKeyFile(path, fd.get(), master.bytes);
            return fromMaster(master.bytes);
        }
        if (errno != ENOENT) {
            throw KeyFileError(
                fmt::format("key file {}: cannot open: {}", path.string(), errnoText(errno)));
        }
        createKeyFile(path);
    }
    throw KeyFileError(fmt::format("key file {}: vanished while being created", path.string()));
}

SiteKeys SiteKeys::fromMaster(std::span<const unsigned char, kSiteKeyFileBytes> master)
{
    ensureSodium();
    // crypto_kdf takes a 32-byte master key; the file's 64 bytes are condensed first.
    SecretBytes<crypto_kdf_KEYBYTES> kdfKey;
    crypto_generichash(kdfKey.bytes.data(), kdfKey.bytes.size(), master.data(), master.size(),
                       nullptr, 0);
    SiteKeys keys;
    crypto_kdf_derive_from_key(keys.m_hashKey.data(), keys.m_hashKey.size(), kHashSubkeyId,
                               kKdfContext, kdfKey.bytes.data());
    crypto_kdf_derive_from_key(keys.m_boxKey.data(), keys.m_boxKey.size(), kBoxSubkeyId,
                               kKdfContext, kdfKey.bytes.data());
    return keys;
}

SiteKeys::~SiteKeys()
{
    sodium_memzero(m_hashKey.data(), m_hashKey.size());
    sodium_memzero(m_boxKey.data(), m_boxKey.size());
}

std::string SiteKeys::numberHash(std::string_view number) const
{
    const std::string normalised = normaliseNumber(number);
    std::array<unsigned char, 32> digest{};
    crypto_generichash(digest.data(), digest.size(),
                       reinterpret_cast<const unsigned char*>(normalised.data()), normalised.size(),
                       m_hashKey.data(), m_hashKey.size());
    std::string hex(2 * digest.size() + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
    hex.pop_back();
    return hex;
}

std::vector<unsigned char> SiteKeys::encryptNumber(std::string_view number) const
{
    std::vector<unsigned char> blob(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES +
                                    number.size());
    unsigned char* nonce = blob.data();
    randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
    crypto_secretbox_easy(blob.data() + crypto_secretbox_NONCEBYTES,
                          reinterpret_cast<const unsigned char*>(number.data()), number.size(),
                          nonce, m_boxKey.data());
    return blob;
}

std::string SiteKeys::decryptNumber(std::span<const unsigned char> blob) const
{
    constexpr std::size_t overhead = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES;
    if (blob.size() < overhead) {
        throw DecryptError("sealed number is too short");
    }
    std::string number(blob.size() - overhead, '\0');
    if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(number.data()),
                                   blob.data() + crypto_secretbox_NONCEBYTES,
                                   blob.size() - crypto_secretbox_NONCEBYTES, blob.data(),
                                   m_boxKey.data()) != 0) {
        throw DecryptError("sealed number failed authentication (wrong key or altered)");
    }
    return number;
}

std::string normaliseNumber(std::string_view number)
{
    std::string out;
    out.reserve(number.size());
    for (const char c : number) {
        if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')' && c != '\t') {
            out.push_back(c);
        }
    }
    return out;
}

std::string aliasFor(std::string_view hashHex)
{
    constexpr std::size_t bytesNeeded = 4;
    if (hashHex.size() < 2 * bytesNeeded) {
        throw std::invalid_argument("aliasFor: the hash is shorter than 8 hex digits");
    }
    std::array<unsigned, bytesNeeded> bytes{};
    for (std::size_t i = 0; i < bytesNeeded; ++i) {
        const int high = hexDigit(hashHex[2 * i]);
        const int low = hexDigit(hashHex[2 * i + 1]);
        if (high < 0 || low < 0) {
            throw std::invalid_argument("aliasFor: the hash is not hex");
        }
        bytes[i] = static_cast<unsigned>(high * 16 + low);
    }
    const unsigned number = ((bytes[2] << 8) | bytes[3]) % 1000;
    return fmt::format("{} {} {:03}", kAdjectives[bytes[0] % 64], kNouns[bytes[1] % 64], number);
}

} // namespace warmline
