// The argument shapes of the partial-value store methods.

import Foundation

/// One request of `ReadableStore.getPartialValues(_:)`: read `length` bytes of the
/// value at `key`, starting at byte `start` (negative: counted from the end); a `nil`
/// length reads to the end.
///
/// Written as a tuple literal, as in Python: `store.getPartialValues([("a", 0, nil)])`.
public typealias KeyRange = (key: String, start: Int, length: Int?)

/// One request of `WritableStore.setPartialValues(_:)`: overwrite the bytes of the
/// value at `key` from byte `start` on with `value`.
///
/// Written as a tuple literal, as in Python: `store.setPartialValues([("a", 4, data)])`.
public typealias KeyStartValue = (key: String, start: Int, value: Data)
