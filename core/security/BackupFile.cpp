#include "core/security/BackupFile.h"

#include <sodium.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <sys/stat.h>

namespace warmline {

namespace {

constexpr std::string_view kMagic = "WARMLINE-BACKUP-1\n";
constexpr std::size_t kPiece = 64 * 1024;
constexpr std::size_t kMaxName = 64;
using Stream = crypto_secretstream_xchacha20poly1305_state;
constexpr std::size_t kABytes = crypto_secretstream_xchacha20poly1305_ABYTES;

void requireSodium()
{
    if (sodium_init() < 0) {
        throw BackupError("libsodium could not start");
    }
}

bool validName(std::string_view name)
{
    if (name.empty() || name.size() > kMaxName || name == "." || name == "..") {
        return false;
    }
    for (const char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
        if (!ok) {
            return false;
        }
    }
    return true;
}

void putU64(std::string& s, std::uint64_t v)
{
    for (int i = 0; i < 8; ++i) {
        s += static_cast<char>((v >> (8 * i)) & 0xff);
    }
}

std::uint64_t getU64(const unsigned char* p)
{
    std::uint64_t v = 0;
    for (int i = 7; i >= 0; --i) {
        v = (v << 8) | p[i];
    }
    return v;
}

struct Key
{
    std::array<unsigned char, crypto_secretstream_xchacha20poly1305_KEYBYTES> bytes{};
    ~Key() { sodium_memzero(bytes.data(), bytes.size()); }
};

void deriveKey(Key& key, std::string_view passphrase, const unsigned char* salt, std::uint64_t ops,
               std::uint64_t mem)
{
    if (ops < crypto_pwhash_OPSLIMIT_MIN || ops > crypto_pwhash_OPSLIMIT_MAX ||
        mem < crypto_pwhash_MEMLIMIT_MIN || mem > (std::uint64_t{1} << 32)) {
        throw BackupError("the file's key parameters are out of range: it is damaged");
    }
    if (crypto_pwhash(key.bytes.data(), key.bytes.size(), passphrase.data(), passphrase.size(),
                      salt, ops, static_cast<std::size_t>(mem),
                      crypto_pwhash_ALG_ARGON2ID13) != 0) {
        throw BackupError("not enough memory to derive the backup key");
    }
}

class Writer
{
public:
    Writer(std::ofstream& out, Stream& st, const std::string& ad) : m_out(out), m_st(st), m_ad(ad)
    {
    }
    void piece(const unsigned char* data, std::size_t n, unsigned char tag)
    {
        m_buf.resize(n + kABytes);
        unsigned long long len = 0;
        crypto_secretstream_xchacha20poly1305_push(
            &m_st, m_buf.data(), &len, data, n, reinterpret_cast<const unsigned char*>(m_ad.data()),
            m_ad.size(), tag);
        std::string size;
        putU64(size, len);
        m_out.write(size.data(), static_cast<std::streamsize>(size.size()));
        m_out.write(reinterpret_cast<const char*>(m_buf.data()), static_cast<std::streamsize>(len));
        if (!m_out) {
            throw BackupError("the backup could not be written (disk full?)");
        }
    }

private:
    std::ofstream& m_out;
    Stream& m_st;
    const std::string& m_ad;
    std::vector<unsigned char> m_buf;
};

} // namespace

void writeBackup(const std::filesystem::path& out, const std::vector<BackupItem>& items,
                 std::string_view passphrase)
{
    requireSodium();
    if (passphrase.size() < kMinBackupPassphrase) {
        throw BackupError("the passphrase is shorter than " + std::to_string(kMinBackupPassphrase) +
                          " characters");
    }
    for (const auto& item : items) {
        if (!validName(item.name)) {
            throw BackupError("not a backup item name: " + item.name);
        }
    }
    std::array<unsigned char, crypto_pwhash_SALTBYTES> salt{};
    randombytes_buf(salt.data(), salt.size());
    const std::uint64_t ops = crypto_pwhash_OPSLIMIT_INTERACTIVE;
    const std::uint64_t mem = crypto_pwhash_MEMLIMIT_INTERACTIVE;
    Key key;
    deriveKey(key, passphrase, salt.data(), ops, mem);

    std::string head(kMagic);
    head.append(reinterpret_cast<const char*>(salt.data()), salt.size());
    putU64(head, ops);
    putU64(head, mem);
    Stream st;
    std::array<unsigned char, crypto_secretstream_xchacha20poly1305_HEADERBYTES> header{};
    crypto_secretstream_xchacha20poly1305_init_push(&st, header.data(), key.bytes.data());
    // The clear header is authenticated with every piece.
    const std::string ad = head;
    head.append(reinterpret_cast<const char*>(header.data()), header.size());

    {
        // Created private: a backup is as sensitive as the store.
        std::ofstream touch(out, std::ios::binary | std::ios::trunc);
    }
    ::chmod(out.c_str(), 0600);
    std::ofstream file(out, std::ios::binary | std::ios::trunc);
    if (!file) {
        throw BackupError(out.string() + ": cannot be opened for writing");
    }
    file.write(head.data(), static_cast<std::streamsize>(head.size()));
    Writer w(file, st, ad);
    std::vector<unsigned char> buf(kPiece + 1);
    for (const auto& item : items) {
        std::ifstream in(item.path, std::ios::binary);
        if (!in) {
            throw BackupError(item.path.string() + ": cannot be read");
        }
        const auto size = std::filesystem::file_size(item.path);
        std::string intro = "F";
        intro += static_cast<char>(item.name.size());
        intro += item.name;
        putU64(intro, size);
        w.piece(reinterpret_cast<const unsigned char*>(intro.data()), intro.size(),
                crypto_secretstream_xchacha20poly1305_TAG_MESSAGE);
        std::uint64_t left = size;
        while (left > 0) {
            const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(left, kPiece));
            buf[0] = 'D';
            in.read(reinterpret_cast<char*>(buf.data() + 1), static_cast<std::streamsize>(n));
            if (in.gcount() != static_cast<std::streamsize>(n)) {
                throw BackupError(item.path.string() + ": changed size while being read");
            }
            w.piece(buf.data(), n + 1, crypto_secretstream_xchacha20poly1305_TAG_MESSAGE);
            left -= n;
        }
    }
    const unsigned char end = 'E';
    w.piece(&end, 1, crypto_secretstream_xchacha20poly1305_TAG_FINAL);
    file.flush();
    if (!file) {
        throw BackupError("the backup could not be written (disk full?)");
    }
}

std::vector<std::string> readBackup(const std::filesystem::path& in, std::string_view passphrase,
                                    const std::filesystem::path& dir)
{
    requireSodium();
    std::ifstream file(in, std::ios::binary);
    if (!file) {
        throw BackupError(in.string() + ": cannot be opened for reading");
    }
    const std::size_t headSize = kMagic.size() + crypto_pwhash_SALTBYTES + 16;
    std::string head(headSize, '\0');
    file.read(head.data(), static_cast<std::streamsize>(headSize));
    if (file.gcount() != static_cast<std::streamsize>(headSize) ||
        std::string_view(head).substr(0, kMagic.size()) != kMagic) {
        throw BackupError(in.string() + ": not a Warmline backup");
    }
    const auto* h = reinterpret_cast<const unsigned char*>(head.data());
    const unsigned char* salt = h + kMagic.size();
    const std::uint64_t ops = getU64(salt + crypto_pwhash_SALTBYTES);
    const std::uint64_t mem = getU64(salt + crypto_pwhash_SALTBYTES + 8);
    Key key;
    deriveKey(key, passphrase, salt, ops, mem);
    std::array<unsigned char, crypto_secretstream_xchacha20poly1305_HEADERBYTES> header{};
    file.read(reinterpret_cast<char*>(header.data()), static_cast<std::streamsize>(header.size()));
    Stream st;
    if (file.gcount() != static_cast<std::streamsize>(header.size()) ||
        crypto_secretstream_xchacha20poly1305_init_pull(&st, header.data(), key.bytes.data()) !=
            0) {
        throw BackupError(in.string() + ": cut short");
    }

    std::vector<std::string> names;
    std::vector<std::filesystem::path> written;
    const auto fail = [&](const std::string& why) {
        for (const auto& p : written) {
            std::error_code ec;
            std::filesystem::remove(p, ec);
        }
        throw BackupError(in.string() + ": " + why);
    };
    std::vector<unsigned char> cipher;
    std::vector<unsigned char> plain;
    std::ofstream out;
    std::uint64_t left = 0;
    bool finished = false;
    while (!finished) {
        unsigned char lenBytes[8];
        file.read(reinterpret_cast<char*>(lenBytes), 8);
        if (file.gcount() != 8) {
            fail("cut short");
        }
        const std::uint64_t len = getU64(lenBytes);
        if (len < kABytes || len > kPiece + 1 + kABytes) {
            fail("damaged (a piece of impossible size)");
        }
        cipher.resize(len);
        file.read(reinterpret_cast<char*>(cipher.data()), static_cast<std::streamsize>(len));
        if (file.gcount() != static_cast<std::streamsize>(len)) {
            fail("cut short");
        }
        plain.resize(len - kABytes);
        unsigned long long plainLen = 0;
        unsigned char tag = 0;
        if (crypto_secretstream_xchacha20poly1305_pull(
                &st, plain.data(), &plainLen, &tag, cipher.data(), len,
                reinterpret_cast<const unsigned char*>(head.data()), head.size()) != 0) {
            fail(names.empty() && written.empty()
                     ? "cannot be opened with this passphrase, or it is damaged"
                     : "damaged");
        }
        if (plainLen == 0) {
            fail("damaged (an empty piece)");
        }
        const unsigned char kind = plain[0];
        if (kind == 'D') {
            if (!out.is_open() || plainLen - 1 > left) {
                fail("damaged (data outside a file)");
            }
            out.write(reinterpret_cast<const char*>(plain.data() + 1),
                      static_cast<std::streamsize>(plainLen - 1));
            left -= plainLen - 1;
            if (!out) {
                fail("could not be written out (disk full?)");
            }
            if (left == 0) {
                out.close();
            }
        } else if (kind == 'F') {
            if (out.is_open() || plainLen < 2 || plainLen != 2u + plain[1] + 8u) {
                fail("damaged (a file's header)");
            }
            const std::string name(reinterpret_cast<const char*>(plain.data() + 2), plain[1]);
            if (!validName(name)) {
                fail("damaged (a file's name)");
            }
            left = getU64(plain.data() + 2 + plain[1]);
            const auto path = dir / name;
            out.open(path, std::ios::binary | std::ios::trunc);
            if (!out) {
                fail("cannot write " + path.string());
            }
            ::chmod(path.c_str(), 0600);
            written.push_back(path);
            names.push_back(name);
            if (left == 0) {
                out.close();
            }
        } else if (kind == 'E') {
            if (out.is_open() || tag != crypto_secretstream_xchacha20poly1305_TAG_FINAL) {
                fail("damaged (ends early)");
            }
            finished = true;
        } else {
            fail("damaged (an unknown piece)");
        }
        if (!finished && tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL) {
            fail("damaged (ends early)");
        }
    }
    return names;
}

} // namespace warmline
