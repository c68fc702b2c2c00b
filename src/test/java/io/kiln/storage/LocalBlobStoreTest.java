package io.kiln.storage;

import java.nio.file.Path;

/** The blob store contract on a local directory. */
class LocalBlobStoreTest extends BlobStoreContract {

    @Override
    protected BlobStore freshStore(Path scratch) throws Exception {
        return new LocalBlobStore(scratch.resolve("blobs"));
    }
}
