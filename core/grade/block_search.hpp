#pragma once
// Finds a phrase in every block of an answer at once. Custom checks search an answer hundreds of
// times; a trigram index over the lowercase blocks turns each search into a look at the few
// places where the phrase's rarest three letters occur.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sdi::grade {

class BlockSearch {
 public:
  // `lower_blocks`: the text of each block in lowercase.
  explicit BlockSearch(const std::vector<std::string>& lower_blocks);

  struct Found {
    int block;
    std::size_t offset;  // of the first occurrence in the block's text
  };
  // The blocks that contain `needle` (lowercase), in block order; none for an empty needle.
  std::vector<Found> find(std::string_view needle) const;

 private:
  std::vector<Found> find_each(std::string_view needle) const;

  const std::vector<std::string>& blocks_;
  std::string joined_;                // blocks separated by '\0', which no search crosses
  std::vector<std::size_t> starts_;   // where each block begins in joined_
  std::vector<std::uint32_t> first_;  // per bucket: where its positions begin in positions_
  std::vector<std::uint32_t> positions_;
};

}  // namespace sdi::grade
