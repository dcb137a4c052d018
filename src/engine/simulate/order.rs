//! Which randomness a customer gets and in which order their results are added up, both fixed by
//! the customer's id and never by their position in the file: reordering the rows of a file, or
//! splitting its customers over threads, workers or machines, changes no simulated number.
//!
//! - A customer's random stream is `Rng::for_stream(replication seed, key)`, where the key is the
//!   64-bit FNV-1a hash of the id's UTF-8 bytes (written out here, so it is the same natively, in
//!   wasm and in any other implementation).
//! - Sums run over fixed blocks of `BLOCK_SIZE` customers in id order (bytewise); each block's
//!   sums start from zero and blocks are merged in block order, whoever computed them.

use crate::engine::dataset::TextList;

/// Customers per block of the merge order.
pub const BLOCK_SIZE: usize = 4096;

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// The 64-bit FNV-1a hash of the id's bytes: the customer's stream key.
pub fn customer_key(id: &str) -> u64 {
    id.bytes().fold(FNV_OFFSET, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(FNV_PRIME))
}

/// Every customer's stream key, and the customers in id order (the order sums are taken in).
#[derive(Clone, Debug, PartialEq)]
pub struct CustomerOrder {
    /// Stream key by customer index.
    pub keys: Vec<u64>,
    /// Customer indices sorted by id.
    pub by_id: Vec<usize>,
}

impl CustomerOrder {
    pub fn of(ids: &TextList) -> CustomerOrder {
        let mut by_id: Vec<usize> = (0..ids.len()).collect();
        by_id.sort_unstable_by(|&x, &y| ids[x].as_bytes().cmp(ids[y].as_bytes()).then(x.cmp(&y)));
        CustomerOrder { keys: ids.iter().map(customer_key).collect(), by_id }
    }

    pub fn block_count(&self) -> usize {
        self.by_id.len().div_ceil(BLOCK_SIZE)
    }

    /// The customers of block `block`, in id order.
    pub fn block(&self, block: usize) -> &[usize] {
        let start = (block * BLOCK_SIZE).min(self.by_id.len());
        &self.by_id[start..(start + BLOCK_SIZE).min(self.by_id.len())]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_1a_matches_the_published_test_vectors() {
        // Fowler, Noll & Vo's reference vectors for 64-bit FNV-1a.
        assert_eq!(customer_key(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(customer_key("a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(customer_key("foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn blocks_follow_the_ids_not_the_positions() {
        let ids: TextList = ["C3", "C1", "C2"].into_iter().collect();
        let order = CustomerOrder::of(&ids);
        assert_eq!(order.by_id, vec![1, 2, 0]);
        assert_eq!(order.block_count(), 1);
        assert_eq!(order.block(0), &[1, 2, 0]);
        assert_eq!(order.keys[0], customer_key("C3"));
        let many: TextList = (0..BLOCK_SIZE + 5).map(|i| format!("{i:06}")).collect();
        let order = CustomerOrder::of(&many);
        assert_eq!(order.block_count(), 2);
        assert_eq!(order.block(1).len(), 5);
        assert!(order.block(2).is_empty());
    }
}
