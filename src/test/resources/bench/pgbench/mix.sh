# The pgbench options of a mix of the WMS load, sourced by the scripts beside it:
#   . "$here/mix.sh"; mix_scripts NAME MIX
# sets the array `scripts` to the weighted -f options of MIX (realistic: 60 new orders, 39
# shipments, 1 late correction in 100; harsh: one in nine a late correction), or stops NAME
# with exit 2 for any other MIX.
mix_scripts() {
    case "$2" in
        realistic) scripts=(-f "$here/new_order.sql@60" -f "$here/ship_order.sql@39" -f "$here/late_correction.sql@1") ;;
        harsh) scripts=(-f "$here/new_order.sql@5" -f "$here/ship_order.sql@3" -f "$here/late_correction.sql@1") ;;
        *) echo "$1: the mix is realistic or harsh, not $2" >&2; exit 2 ;;
    esac
}
