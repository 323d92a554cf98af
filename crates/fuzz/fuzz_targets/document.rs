#![no_main]
libfuzzer_sys::fuzz_target!(init: casebook_fuzz::init(&casebook_proof::fuzz::document::TARGET), |data: &[u8]| casebook_fuzz::check(&casebook_proof::fuzz::document::TARGET, data));
