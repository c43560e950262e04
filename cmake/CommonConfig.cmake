# Settings every Warmline target shares, carried by one INTERFACE target.
set(CMAKE_CXX_STANDARD 20)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
set(CMAKE_CXX_EXTENSIONS OFF)
set(CMAKE_EXPORT_COMPILE_COMMANDS ON)

if(NOT CMAKE_BUILD_TYPE AND NOT CMAKE_CONFIGURATION_TYPES)
  set(CMAKE_BUILD_TYPE RelWithDebInfo CACHE STRING "Build type" FORCE)
endif()

find_program(CCACHE_PROGRAM ccache)
if(CCACHE_PROGRAM AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
  set(CMAKE_CXX_COMPILER_LAUNCHER "${CCACHE_PROGRAM}")
endif()

add_library(warmline_common INTERFACE)
add_library(warmline::common ALIAS warmline_common)
target_compile_features(warmline_common INTERFACE cxx_std_20)
target_compile_options(warmline_common INTERFACE
  -Wall -Wextra -pedantic -Wold-style-cast -Wnon-virtual-dtor)
target_compile_definitions(warmline_common INTERFACE
  QT_NO_CAST_FROM_ASCII
  BOOST_ASIO_NO_DEPRECATED
  BOOST_BEAST_USE_STD_STRING_VIEW)

option(WARMLINE_WERROR "Treat warnings as errors" OFF)
if(WARMLINE_WERROR)
  target_compile_options(warmline_common INTERFACE -Werror)
endif()

# warmline_folder_library(<target> <alias> <folder> [SUBFOLDERS names...]
#                         [PUBLIC deps...] [PRIVATE deps...])
# One static library per source folder, named by an alias (warmline::risk),
# so the link lines state which folder may use which. SUBFOLDERS names
# folders inside it that are part of the same library (store/sqlite).
function(warmline_folder_library target alias folder)
  cmake_parse_arguments(ARG "" "" "SUBFOLDERS;PUBLIC;PRIVATE" ${ARGN})
  set(globs ${folder}/*.cpp ${folder}/*.h)
  foreach(sub IN LISTS ARG_SUBFOLDERS)
    list(APPEND globs ${folder}/${sub}/*.cpp ${folder}/${sub}/*.h)
  endforeach()
  file(GLOB sources CONFIGURE_DEPENDS ${globs})
  add_library(${target} STATIC ${sources})
  add_library(${alias} ALIAS ${target})
  target_include_directories(${target} PUBLIC ${PROJECT_SOURCE_DIR})
  target_link_libraries(${target} PUBLIC warmline::common ${ARG_PUBLIC} PRIVATE ${ARG_PRIVATE})
endfunction()
