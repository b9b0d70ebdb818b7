//! What a generated function takes for a path parameter.

use std::borrow::Cow;

/// A value that can stand in a request's path: text, or an integer as the API returns ids
/// (`meetings::get_a_meeting(&client, &meeting.id)` takes the `i64` a meeting's `id`
/// decodes to, as it takes `"85210"`). The runtime percent-encodes it, whatever it holds.
/// It is `Sync`, so that the futures and streams that borrow it can be sent to a task.
///
/// ```
/// use postman_runtime::PathArg;
///
/// assert_eq!(PathArg::path_arg("85210"), "85210");
/// assert_eq!(85210_i64.path_arg(), "85210");
/// assert_eq!(String::from("me").path_arg(), "me");
/// ```
pub trait PathArg: Sync {
    /// The text of the path segment, before percent-encoding.
    fn path_arg(&self) -> Cow<'_, str>;
}

impl PathArg for str {
    fn path_arg(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

impl PathArg for String {
    fn path_arg(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

impl PathArg for Cow<'_, str> {
    fn path_arg(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

impl<T: PathArg + ?Sized> PathArg for &T {
    fn path_arg(&self) -> Cow<'_, str> {
        (**self).path_arg()
    }
}

macro_rules! integer_path_args {
    ($($integer:ty),*) => {
        $(impl PathArg for $integer {
            fn path_arg(&self) -> Cow<'_, str> {
                Cow::Owned(self.to_string())
            }
        })*
    };
}

integer_path_args!(i32, i64, u32, u64, usize);
