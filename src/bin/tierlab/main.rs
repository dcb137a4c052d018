// Placeholder until the engine pipeline lands.
fn main() {}
