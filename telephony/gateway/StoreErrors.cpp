#include "telephony/gateway/StoreErrors.h"

#include "core/config/Config.h"
#include "core/link/LinkCodec.h"
#include "core/store/Repository.h"

#include <spdlog/spdlog.h>

#include <stdexcept>

namespace warmline::telephony {

using link::ErrorCode;
using link::LinkError;

std::string describeStoreError(const std::exception_ptr& e)
{
    try {
        std::rethrow_exception(e);
    } catch (const std::exception& ex) {
        return ex.what();
    } catch (...) {
        return "unknown error";
    }
}

std::string storeErrorFrame(const std::string& re, const std::exception_ptr& e)
{
    try {
        std::rethrow_exception(e);
    } catch (const LinkError& le) {
        return link::errorFrame(re, le.code(), le.what());
    } catch (const NotFoundError&) {
        return link::errorFrame(re, ErrorCode::NotFound, "There is no such contact.");
    } catch (const ConfigError& ce) {
        return link::errorFrame(re, ErrorCode::BadRequest, ce.what());
    } catch (const std::invalid_argument& ia) {
        return link::errorFrame(re, ErrorCode::BadRequest, ia.what());
    } catch (...) {
        spdlog::error("store job failed: {}", describeStoreError(e));
        return link::errorFrame(re, ErrorCode::Unavailable,
                                "The gateway could not do this just now. Nothing changed; please "
                                "try again.");
    }
}

} // namespace warmline::telephony
