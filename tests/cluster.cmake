# The cluster over NATS JetStream (docs/cluster.md): the failover test on a
# three-node JetStream cluster the test starts itself on loopback ports
# (skips with 77 without nats-server or python3), the security options
# (refusal of a server elsewhere without TLS and authentication; token,
# user/password and TLS against local servers), and a live sensor on lo with
# the live page fed by the judges. The record encoding and
# partitioning have a unit test (tests/unit/test_cluster_record.c) and the
# decoders a fuzz harness (fuzz/fuzz_cluster_record.c).
set(WW_CLUSTER_DIR ${CMAKE_CURRENT_SOURCE_DIR}/cluster)
add_test(NAME cluster.failover
         COMMAND sh ${WW_CLUSTER_DIR}/failover.sh $<TARGET_FILE:wormwatch>
                 ${CMAKE_BINARY_DIR}/demo/office.pcap
                 ${CMAKE_SOURCE_DIR}/docs/schema/wormwatch.schema.json)
set_tests_properties(cluster.failover PROPERTIES TIMEOUT 300 SKIP_RETURN_CODE 77
                     ENVIRONMENT "TZ=UTC" RUN_SERIAL TRUE)
add_test(NAME cluster.security
         COMMAND sh ${WW_CLUSTER_DIR}/security.sh $<TARGET_FILE:wormwatch>)
set_tests_properties(cluster.security PROPERTIES TIMEOUT 120 SKIP_RETURN_CODE 77)
# a live sensor on lo (loopback traffic only; skips without the right to
# capture), results --live and the live page fed by the judges (Chromium)
add_test(NAME cluster.live
         COMMAND sh ${WW_CLUSTER_DIR}/live.sh $<TARGET_FILE:wormwatch>
                 ${CMAKE_CURRENT_SOURCE_DIR}/live/cdp.js)
set_tests_properties(cluster.live PROPERTIES TIMEOUT 120 SKIP_RETURN_CODE 77 RUN_SERIAL TRUE)
# a sensor of flow records (--flows FILE and --listen ADDR:PORT, loopback):
# wwgen's IPFIX export of the office through the cluster names the same
# culprits as `wormwatch flows` on the file
add_test(NAME cluster.flows
         COMMAND sh ${WW_CLUSTER_DIR}/flows.sh $<TARGET_FILE:wormwatch> $<TARGET_FILE:wwgen>
                 ${CMAKE_SOURCE_DIR}/docs/schema/wormwatch.schema.json)
set_tests_properties(cluster.flows PROPERTIES TIMEOUT 300 SKIP_RETURN_CODE 77
                     ENVIRONMENT "TZ=UTC" RUN_SERIAL TRUE)
