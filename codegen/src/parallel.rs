//! Splitting work across threads. Modules are independent in inference and formatting, the
//! two costly stages, so each thread takes a run of whole modules.

/// How many threads to use: one per core, at most eight.
pub fn threads() -> usize {
    std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8)
}

/// Splits `items` into at most `n` consecutive runs of about equal total weight.
pub fn balanced_chunks<T>(items: &[T], n: usize, weight: impl Fn(&T) -> usize) -> Vec<&[T]> {
    let total: usize = items.iter().map(&weight).sum();
    let target = total.div_ceil(n.max(1)).max(1);
    let mut chunks = Vec::new();
    let mut start = 0;
    let mut size = 0;
    for (index, item) in items.iter().enumerate() {
        size += weight(item);
        if size >= target {
            chunks.push(&items[start..=index]);
            start = index + 1;
            size = 0;
        }
    }
    if start < items.len() {
        chunks.push(&items[start..]);
    }
    chunks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_cover_every_item_in_order() {
        let items = [5, 1, 1, 1, 4, 2];
        let chunks = balanced_chunks(&items, 2, |n| *n);
        assert_eq!(chunks, [&[5, 1, 1][..], &[1, 4, 2][..]]);
        assert_eq!(balanced_chunks(&items, 1, |n| *n), [&items[..]]);
        assert!(balanced_chunks(&[] as &[usize], 4, |n| *n).is_empty());
    }
}
