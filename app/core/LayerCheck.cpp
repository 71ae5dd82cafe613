// The program each core folder's library is linked into, whole, with only the
// libraries that folder declares (facedesk_layer_check in CMakeLists.txt). It is
// built, never run: linking it is the check that no folder calls into one above it.
int main()
{
    return 0;
}
