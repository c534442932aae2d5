//! Finding which item of a snapshot list an address belongs to, by arithmetic.
//!
//! The resource cache and the policy index keep one slot per item of each snapshot list (bucket,
//! security group, role, ...) and are asked for the slot of an object by its address, once or more
//! per resource per check: millions of times at a million resources. Two things made that look-up
//! cost more than the rest of it: a binary search over every list of the snapshot (a few hundred, a
//! chain of dependent loads each time), although checks ask about one list's items in a row; and a
//! division by the item size. So each thread remembers the list it last found (`ItemSpans::find`'s
//! hint), and an item's position is worked out by exact division: a shift and a multiplication by the
//! odd factor's inverse modulo 2^64.

use std::cell::Cell;

/// The addresses of one list's items: item `i` (or the part of it a user looks for, at a fixed
/// offset) starts at `start + i * item_size`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ItemSpan {
    start: usize,
    len: usize,
    /// `item_size = odd << shift`, and `inverse * odd ≡ 1 (mod 2^64)`.
    shift: u32,
    inverse: usize,
}

impl ItemSpan {
    /// The span of `len` items of `item_size` bytes from `start`; `None` for an empty list or
    /// zero-sized items (no address tells their items apart).
    pub(crate) fn new(start: usize, len: usize, item_size: usize) -> Option<ItemSpan> {
        if len == 0 || item_size == 0 {
            return None;
        }
        let shift = item_size.trailing_zeros();
        let odd = item_size >> shift;
        // Newton's iteration doubles the correct low bits each step; an odd number is its own
        // inverse modulo 8 (3 bits), so five steps give 96 ≥ 64.
        let mut inverse = odd;
        for _ in 0..5 {
            inverse = inverse.wrapping_mul(2usize.wrapping_sub(odd.wrapping_mul(inverse)));
        }
        Some(ItemSpan { start, len, shift, inverse })
    }

    pub(crate) fn start(&self) -> usize {
        self.start
    }

    /// The position of the item starting at `address`, if one does.
    pub(crate) fn position(&self, address: usize) -> Option<usize> {
        let offset = address.checked_sub(self.start)?;
        if offset & ((1 << self.shift) - 1) != 0 {
            return None;
        }
        // Exact when `offset` is a multiple of the item size. When it is not, the product is the
        // solution of `i * odd ≡ offset >> shift (mod 2^64)`, which is at least `len`: below `len`,
        // `i * odd` would not wrap and so would equal `offset >> shift`.
        let position = (offset >> self.shift).wrapping_mul(self.inverse);
        (position < self.len).then_some(position)
    }
}

/// Sorted spans of lists, each with its user's data; `find` looks first in the span the calling
/// thread found last.
pub(crate) struct ItemSpans<T> {
    spans: Box<[(ItemSpan, T)]>,
}

impl<T> Default for ItemSpans<T> {
    fn default() -> Self {
        ItemSpans { spans: Box::default() }
    }
}

impl<T> ItemSpans<T> {
    pub(crate) fn new(mut spans: Vec<(ItemSpan, T)>) -> ItemSpans<T> {
        spans.sort_by_key(|(span, _)| span.start());
        ItemSpans { spans: spans.into() }
    }

    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.spans.len()
    }

    /// The span holding `address` and the position of the item starting there. `hint` is the calling
    /// thread's memory of the span it found last, for this kind of look-up (any value is safe: it is
    /// checked before it is used).
    pub(crate) fn find(&self, address: usize, hint: &Cell<usize>) -> Option<(&T, usize)> {
        if let Some((span, data)) = self.spans.get(hint.get()) {
            if let Some(position) = span.position(address) {
                return Some((data, position));
            }
        }
        let at = self.spans.partition_point(|(span, _)| span.start() <= address).checked_sub(1)?;
        hint.set(at);
        let (span, data) = &self.spans[at];
        Some((data, span.position(address)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The same answer as plain division, for any item size (odd, even, powers of two) and any
        /// address in or around the span.
        #[test]
        fn position_is_plain_division(
            start in 0usize..1 << 40,
            len in 1usize..10_000,
            item_size in 1usize..5_000,
            delta in -20_000i64..100_000_000,
        ) {
            let span = ItemSpan::new(start, len, item_size).unwrap();
            let address = (start as i64 + delta) as usize;
            let expected = address
                .checked_sub(start)
                .filter(|offset| offset % item_size == 0 && offset / item_size < len)
                .map(|offset| offset / item_size);
            prop_assert_eq!(span.position(address), expected);
        }
    }

    #[test]
    fn the_hint_never_changes_the_answer() {
        let lists: [(usize, usize, usize); 3] = [(1_000, 10, 24), (5_000, 3, 56), (100_000, 1_000, 200)];
        let spans = ItemSpans::new(
            lists.iter().map(|&(start, len, size)| (ItemSpan::new(start, len, size).unwrap(), start)).collect(),
        );
        assert_eq!(spans.len(), 3);
        let hint = Cell::new(usize::MAX);
        for address in
            [1_000usize, 1_024, 1_025, 5_056, 100_200, 999, 5_168, 1_000_000, 100_000 + 999 * 200, 1_216, 1_240]
        {
            let expected = lists.iter().find_map(|&(start, len, size)| {
                let offset = address.checked_sub(start)?;
                (offset % size == 0 && offset / size < len).then_some((start, offset / size))
            });
            for stale in [usize::MAX, 0, 1, 2] {
                hint.set(stale);
                assert_eq!(spans.find(address, &hint).map(|(&s, i)| (s, i)), expected, "address {address}");
            }
        }
        assert!(ItemSpan::new(0, 0, 8).is_none() && ItemSpan::new(0, 8, 0).is_none());
    }
}
